from odoo.http import Controller, request, route

from ..models.selling.payment_transaction import B2B_PROCESS_URL


class B2BOnAccountController(Controller):
    @route(B2B_PROCESS_URL, type="http", auth="public", methods=["POST"])
    def b2b_on_account_process(self, **post):
        """The redirect form of "Pay on Account" / "Submit for Approval" (as
        Odoo's wire transfer, with the session's CSRF token: only the
        buyer's own page posts it): the transaction, found by its
        reference, does what the buyer chose; then Odoo's payment status
        page."""
        request.env["payment.transaction"].sudo()._process("b2b_on_account", post)
        return request.redirect("/payment/status")
