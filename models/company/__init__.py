"""Company accounts: a B2B company's contact persons with roles, scopes and
portal functions, their portal access, and which orders and invoices each
of them sees on the portal."""

from . import b2b_portal_document
from . import res_partner_portal_access
from . import res_partner
from . import res_partner_portal_documents
from . import account_move
from . import sale_order
