"""Paying several invoices and the statement of account on the portal:
``/my/invoices`` gets a checkbox and an amount for each open invoice a
contact may pay, ``/my/invoices/pay`` checks the selection and shows Odoo's
payment form for one currency at a time (one transaction per currency,
``/my/invoices/pay/transaction/<selection>``), ``/my/statement`` is the
statement as a page, a PDF or a CSV. The rules are in the models
(``account.move._b2b_payment_selection``, ``res.partner._b2b_statement``)."""

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.http import content_disposition, request
from odoo.tools import float_compare

from odoo.addons.account_payment.controllers.portal import PortalAccount
from odoo.addons.payment import utils as payment_utils

from .form import CONTROL_CHARS, form_input_error

#: the statement's formats
STATEMENT_FORMATS = ("html", "pdf", "csv")


def encode_selection(lines):
    """The selection of one currency as a path segment: ``id-amount_...``."""
    return "_".join(f"{line['invoice'].id}-{line['amount']}" for line in lines)


def decode_selection(selection):
    """([ids], {id: amount text}) of an encoded selection; a clear error for
    anything else."""
    ids, amounts = [], {}
    for part in (selection or "").split("_"):
        invoice_id, _sep, amount = part.partition("-")
        if not invoice_id.isdigit():
            raise ValidationError(request.env._("Please select the invoices to pay."))
        ids.append(int(invoice_id))
        amounts[int(invoice_id)] = amount
    return ids, amounts


class B2BInvoicingPortal(PortalAccount):
    # ------------------------------------------------------------------
    # Who (called first in every route)
    # ------------------------------------------------------------------
    def _b2b_check_payer(self):
        """The current user's contact, who must pay invoices on the portal."""
        partner = request.env.user.partner_id
        if not request.env.user.share or partner._b2b_refusals("pay_invoices"):
            raise Forbidden()
        return partner

    def _b2b_check_statement_reader(self):
        partner = request.env.user.partner_id
        if not request.env.user.share or partner._b2b_refusals("read_statement"):
            raise Forbidden()
        return partner

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_statement_count" in counters:
            user = request.env.user
            values["b2b_statement_count"] = int(
                user.share and not user.partner_id._b2b_refusals("read_statement")
            )
        return values

    # ------------------------------------------------------------------
    # /my/invoices: what may be selected
    # ------------------------------------------------------------------
    @http.route()
    def portal_my_invoices(self, *args, **kw):
        response = super().portal_my_invoices(*args, **kw)
        qcontext = getattr(response, "qcontext", None)
        if qcontext is not None:
            qcontext.update(self._b2b_pay_list_values(qcontext.get("invoices") or []))
        return response

    def _b2b_pay_list_values(self, invoices_data):
        """``b2b_can_pay`` and ``b2b_payable`` ({invoice id: default
        amount}) of the invoices of the page, in one query."""
        user = request.env.user
        if not user.share or user.partner_id._b2b_refusals("pay_invoices"):
            return {"b2b_can_pay": False, "b2b_payable": {}}
        data = {item["invoice"].id: item for item in invoices_data}
        Move = request.env["account.move"]
        payable = Move.search(
            Domain("id", "in", list(data)) & Move._b2b_payable_domain()
        )
        return {
            "b2b_can_pay": True,
            "b2b_payable": {
                move.id: move._b2b_default_payment_amount(data[move.id])
                for move in payable
            },
        }

    # ------------------------------------------------------------------
    # /my/invoices/pay: the selection, and Odoo's payment form
    # ------------------------------------------------------------------
    @http.route(
        "/my/invoices/pay", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_invoices_pay(self, **post):
        partner = self._b2b_check_payer()
        raw_ids = request.httprequest.form.getlist("invoice_ids")
        amounts = {
            int(key[7:]): CONTROL_CHARS.sub("", value).strip()
            for key, value in post.items()
            if key.startswith("amount_")
            and key[7:].isdigit()
            and isinstance(value, str)
        }
        values = self._prepare_portal_layout_values()
        values.update(page_name="b2b_invoices_pay", b2b_amounts=amounts, error=None)
        values["b2b_selected"] = self._b2b_selected_documents(raw_ids)
        error = form_input_error(post)
        try:
            if error:
                raise UserError(error)
            groups = request.env["account.move"]._b2b_payment_selection(
                raw_ids, amounts
            )
        except (UserError, ValidationError) as exc:
            values["error"] = exc.args[0]
            return request.render("b2b_customer.portal_my_invoices_pay", values)
        selected = self._b2b_selected_group(groups, post.get("currency_id"))
        values.update(
            b2b_groups=groups,
            b2b_group=selected,
            **self._b2b_payment_form_values(partner, selected),
        )
        return request.render("b2b_customer.portal_my_invoices_pay", values)

    def _b2b_selected_documents(self, raw_ids):
        """The selected documents the user may read, to show them again."""
        ids = [int(value) for value in raw_ids if str(value).isdigit()]
        return request.env["account.move"].search(
            Domain("id", "in", ids)
            & Domain("move_type", "in", ("out_invoice", "out_refund")),
            order="invoice_date_due, name, id",
        )

    def _b2b_selected_group(self, groups, currency_id):
        """The group (company and currency) whose payment form is shown."""
        for group in groups:
            if str(group["currency"].id) == str(currency_id or ""):
                return group
        return groups[0]

    def _b2b_payment_form_values(self, partner, group):
        """Odoo's payment form for one group of the selection."""
        selection = encode_selection(group["lines"])
        values = self._get_common_page_view_values(
            invoices_data={
                "partner": partner,
                "company": group["company"],
                "total_amount": group["total"],
                "currency": group["currency"],
                "amount_residual": group["total"],
                "landing_route": "/my/invoices",
                "transaction_route": f"/my/invoices/pay/transaction/{selection}",
            },
            access_token=payment_utils.generate_access_token(partner.id, selection),
        )
        values["amount"] = group["total"]
        return values

    @http.route(
        "/my/invoices/pay/transaction/<string:selection>", type="jsonrpc", auth="user"
    )
    def portal_my_invoices_pay_transaction(
        self, selection, access_token=None, amount=None, **kwargs
    ):
        """Create the transaction of one currency of the selection (checked
        again, as the user's rights are now) and return its processing
        values."""
        partner = request.env.user.partner_id
        if not request.env.user.share or partner._b2b_refusals("pay_invoices"):
            raise ValidationError(request.env._("You may not pay invoices here."))
        if not payment_utils.check_access_token(access_token, partner.id, selection):
            raise ValidationError(request.env._("The access token is invalid."))
        ids, amounts = decode_selection(selection)
        groups = request.env["account.move"]._b2b_payment_selection(ids, amounts)
        if len(groups) != 1:
            raise ValidationError(request.env._("Please pay one currency at a time."))
        group = groups[0]
        currency = group["currency"]
        if amount is not None and float_compare(
            float(amount), group["total"], precision_rounding=currency.rounding
        ):
            raise ValidationError(
                request.env._("The amount to pay has changed: please reload the page.")
            )
        self._validate_transaction_kwargs(kwargs)
        documents = request.env["account.move"].browse(ids).sudo()
        reference = (
            group["company"].sudo().get_next_batch_payment_communication()
            if len(ids) > 1
            else documents.name
        )
        kwargs.update(
            {
                "amount": group["total"],
                "currency_id": currency.id,
                "partner_id": partner.id,
                "reference_prefix": reference,
            }
        )
        tx_sudo = self._create_transaction(
            custom_create_values={
                "invoice_ids": [Command.set(ids)],
                "b2b_invoice_amounts": {
                    str(line["invoice"].id): line["amount"] for line in group["lines"]
                },
            },
            **kwargs,
        )
        return tx_sudo._get_processing_values()

    # ------------------------------------------------------------------
    # /my/statement
    # ------------------------------------------------------------------
    @http.route(
        "/my/statement",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def portal_my_statement(self, date_from=None, date_to=None, **kw):
        partner = self._b2b_check_statement_reader()
        typed = {
            "date_from": CONTROL_CHARS.sub("", date_from or "")[:32],
            "date_to": CONTROL_CHARS.sub("", date_to or "")[:32],
        }
        output = kw.get("format") if kw.get("format") in STATEMENT_FORMATS else "html"
        values = self._prepare_portal_layout_values()
        values.update(page_name="b2b_statement", error=None, statement=None, **typed)
        Partner = request.env["res.partner"]
        try:
            if form_input_error({"date_from": date_from, "date_to": date_to}):
                raise UserError(request.env._("Please enter the dates as YYYY-MM-DD."))
            start, end = Partner._b2b_statement_period(date_from, date_to)
        except UserError as exc:
            values["error"] = exc.args[0]
            return request.render("b2b_customer.portal_my_statement", values)
        companies = partner._b2b_statement_companies()
        company = partner.commercial_partner_id
        name = f"{company.display_name} {start.isoformat()} {end.isoformat()}"
        if output == "pdf":
            return self._b2b_statement_pdf_response(partner, start, end, name)
        statement = companies._b2b_statement(start, end)
        if output == "csv":
            return request.make_response(
                Partner._b2b_statement_csv(statement),
                headers=[
                    ("Content-Type", "text/csv; charset=utf-8"),
                    ("Content-Disposition", content_disposition(f"{name}.csv")),
                ],
            )
        values.update(
            statement=statement,
            date_from=start.isoformat(),
            date_to=end.isoformat(),
        )
        return request.render("b2b_customer.portal_my_statement", values)

    def _b2b_statement_pdf_response(self, partner, start, end, name):
        lang = request.env.lang
        report_sudo = request.env.ref("b2b_customer.action_report_b2b_statement").sudo()
        content, _type = report_sudo.with_context(
            lang=lang, b2b_statement_lang=lang
        )._render_qweb_pdf(
            report_sudo.report_name,
            res_ids=partner.commercial_partner_id.ids,
            data={
                "date_from": start.isoformat(),
                "date_to": end.isoformat(),
                "group": partner.sudo()._b2b_effective_scope() == "group",
                "end_customers": partner.sudo()._b2b_sees_end_customer_invoices(),
            },
        )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(f"{name}.pdf")),
            ],
        )
