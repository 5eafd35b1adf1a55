"""Company credit on orders: a pay-later order cannot be confirmed while the
customer is on credit hold or when it would exceed the available credit
(except by a B2B manager with a logged reason); the buyer can still pay it
online in advance, and the salesperson is told when a buyer signs one."""

from odoo import api, fields, models

from ..sale_order import b2b_blocker


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_credit_blocked = fields.Boolean(
        string="Over Credit",
        compute="_compute_b2b_credit_blocked",
        help="The customer pays by invoice and is on credit hold, or this order "
        "exceeds its available credit: it cannot be confirmed on account.",
    )
    # the amounts are the customer's credit: for the sales team only
    b2b_credit_message = fields.Char(
        string="Credit",
        compute="_compute_b2b_credit_blocked",
        groups="sales_team.group_sale_salesman",
    )

    @api.depends_context("company", "uid", "lang")
    @api.depends(
        "state", "partner_id", "partner_invoice_id", "amount_total", "currency_rate"
    )
    def _compute_b2b_credit_blocked(self):
        for order in self:
            status = order._b2b_credit_status()
            order.b2b_credit_blocked = status.get("blocked", False)
            order.b2b_credit_message = order._b2b_credit_error(status) or False

    def _b2b_credit_customer(self):
        """The company whose credit pays the order (Odoo's rule: the invoice
        address's commercial partner)."""
        self.ensure_one()
        partner = self.partner_invoice_id or self.partner_id
        return partner.commercial_partner_id

    def _b2b_credit_status(self):
        """How the order stands against its customer's credit, in the
        company's currency: ``{}`` when credit does not apply (not a B2B
        customer paying later, not a quotation, or already paid online);
        else ``applies``, ``blocked``, ``reason`` (``hold`` or ``limit``),
        ``amount``, ``limit``, ``available`` (before this order),
        ``hold_reason`` and ``currency``. Two queries for a B2B customer
        (its groups, its figures), none for anybody else."""
        self.ensure_one()
        order = self.sudo().with_company(self.company_id)
        customer = order._b2b_credit_customer()
        if (
            order.state not in ("draft", "sent")
            or not customer.is_b2b
            or not order.partner_id
            or not order.partner_id._b2b_pay_later()
        ):
            return {}
        currency = order.company_id.currency_id
        amount = currency.round(order.amount_total / (order.currency_rate or 1.0))
        holder, limit = customer._b2b_credit_limits()[customer]
        if not limit and not customer.b2b_credit_hold:
            return {}
        status = {
            "applies": True,
            "blocked": False,
            "reason": False,
            "amount": amount,
            "limit": limit,
            "available": False,
            "hold_reason": customer.b2b_credit_hold_reason,
            "currency": currency,
        }
        if limit:
            figures = holder._b2b_credit_figures(exclude_order_ids=order.ids)
            status["available"] = currency.round(limit - figures[holder.id]["exposure"])
        if customer.b2b_credit_hold:
            status.update(blocked=True, reason="hold")
        elif limit and currency.compare_amounts(amount, status["available"]) > 0:
            status.update(blocked=True, reason="limit")
        if status["blocked"] and order.amount_total > 0 and order._is_paid():
            return {}  # paid online in full: nothing is on credit
        return status

    def _b2b_limit_holders(self):
        """The credit: for pay-later orders, the customer (its credit hold)
        and the company whose credit limit pays them (the customer, or the
        parent company whose limit a group of companies shares)."""
        holders = super()._b2b_limit_holders()
        Partner = self.env["res.partner"]
        # whether they pay later, read for all the orders' companies at once
        settings = self.partner_id._b2b_inherited_values(("pay_later",))
        for company, orders in self.grouped("company_id").items():
            customers = (
                Partner.union(
                    *(
                        order._b2b_credit_customer()
                        for order in orders
                        if settings[order.partner_id.commercial_partner_id.sudo()][
                            "pay_later"
                        ][0]
                    )
                )
                .filtered("is_b2b")
                .with_company(company)
            )
            if customers:
                limits = customers._b2b_credit_limits()
                holders += [customers]
                holders += [holder for holder, limit in limits.values() if limit]
        return holders

    def _b2b_credit_error(self, status):
        """Why the order cannot be confirmed on account, for staff."""
        if not status.get("blocked"):
            return ""
        customer = self._b2b_credit_customer()
        currency = status["currency"]
        if status["reason"] == "hold":
            return self.env._(
                "%(customer)s is on credit hold (%(reason)s): this order, paid by "
                "invoice, cannot be confirmed.",
                customer=customer.display_name,
                reason=status["hold_reason"] or "-",
            )
        return self.env._(
            "This order (%(amount)s) exceeds the available credit of %(customer)s "
            "(%(available)s of a %(limit)s limit): it cannot be confirmed on account.",
            amount=currency.format(status["amount"]),
            customer=customer.display_name,
            available=currency.format(status["available"]),
            limit=currency.format(status["limit"]),
        )

    def _b2b_credit_blockers(self, step):
        """The order gate's hook: on credit hold, or over the available
        credit (confirming; the buyer may still sign it and pay it online
        in advance)."""
        if step != "confirm":
            return []
        status = self._b2b_credit_status()
        error = self._b2b_credit_error(status)
        if not error:
            return []
        code = "credit_hold" if status["reason"] == "hold" else "credit_limit"
        blocker = b2b_blocker(
            code,
            self.env._(
                '%(error)s A B2B manager can use "Confirm Anyway" with a reason.',
                error=error,
            ),
            override=True,
        )
        blocker["why"] = error
        return [blocker]

    # ------------------------------------------------------------------
    # The buyer pays online instead
    # ------------------------------------------------------------------
    def _b2b_credit_prepay(self):
        """A pay-later quotation that credit keeps from being confirmed on
        account is paid online in full instead."""
        return not self.require_payment and self._b2b_credit_status().get("blocked")

    def _b2b_credit_portal_info(self, viewer):
        """What the order page tells ``viewer`` (the portal user, res.users:
        the page's records are the superuser's) about credit: the amounts
        for its company administrators, only whether the order can be paid
        by invoice for the others. ``{}``: nothing to say."""
        self.ensure_one()
        status = self._b2b_credit_status()
        if not status:
            return {}
        viewer = viewer.partner_id.sudo()
        sees_amounts = viewer._b2b_is_company_admin() and (
            viewer.commercial_partner_id == self._b2b_credit_customer()
        )
        return dict(status, sees_amounts=sees_amounts)

    # ------------------------------------------------------------------
    # Never a silent quotation
    # ------------------------------------------------------------------
    def _b2b_credit_on_signed(self):
        """A buyer signed these orders: those that credit keeps from being
        confirmed on account become prepaid orders, paid online in full as
        Odoo's own prepayment (``require_payment``): they are not on credit,
        and the credit used leaves them out; their salesperson is told."""
        blocked = self.filtered(lambda o: o._b2b_credit_status().get("blocked"))
        if not blocked:
            return
        blocked.filtered(lambda o: not o.require_payment).sudo().write(
            {"require_payment": True, "prepayment_percent": 1.0}
        )
        blocked._b2b_credit_tell_salesperson()

    def _b2b_credit_tell_salesperson(self):
        """A buyer signed orders that credit keeps from being confirmed: one
        "Credit Review" activity for each order's salesperson (else the
        credit reviewers), created at once."""
        activity_type = self.env.ref("b2b_customer.mail_activity_type_b2b_credit")
        model_id = self.env["ir.model"]._get_id("sale.order")
        today = fields.Date.context_today(self)
        vals_list = []
        for order in self.sudo():
            users = (
                order.user_id or order._b2b_credit_customer()._b2b_credit_reviewers()
            )
            # in the salesperson's language, not the buyer's who signed
            order_in_lang = order.with_context(lang=users[:1].lang or self.env.lang)
            vals_list += [
                {
                    "res_model_id": model_id,
                    "res_id": order.id,
                    "activity_type_id": activity_type.id,
                    "summary": order_in_lang.env._(
                        "Signed by the customer, not confirmed"
                    ),
                    "note": order_in_lang._b2b_credit_error(order._b2b_credit_status()),
                    "user_id": user.id,
                    "date_deadline": today,
                }
                for user in users
            ]
        self.env["mail.activity"].sudo().create(vals_list)
