from . import b2b_review_wizard
