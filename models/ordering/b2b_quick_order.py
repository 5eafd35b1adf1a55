"""Quick order on the portal: lines by product code, pasted or uploaded
as CSV, checked against what the customer may buy, priced with the
customer's selling defaults in one pass (no query per line), and turned
into a quotation that continues in Odoo's own portal flow.

The methods work on sudo records the portal controllers pass after their
ownership checks; none of them is reachable over RPC (private, and the
model is abstract: nobody has access rights on it)."""

import re
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import float_round

#: most lines one quick order takes (Adobe Commerce B2B's limit too)
B2B_QUICK_ORDER_MAX_LINES = 200
#: largest pasted text or uploaded file, in bytes
B2B_QUICK_ORDER_MAX_BYTES = 256 * 1024
#: largest quantity of one line
B2B_QUICK_ORDER_MAX_QUANTITY = 1_000_000
#: longest product code
B2B_QUICK_ORDER_MAX_CODE = 128
#: products listed by the search box of the form
B2B_QUICK_ORDER_SEARCH_LIMIT = 20

#: column separators, by preference (spreadsheets copy with tabs, CSV files
#: use semicolons in Europe and commas elsewhere)
SEPARATORS = (";", "\t", ",")
#: control characters a text file never holds (tab and line breaks aside)
BINARY_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class B2bQuickOrder(models.AbstractModel):
    _name = "b2b.quick.order"
    _description = "B2B Quick Order"

    # ------------------------------------------------------------------
    # Reading the input
    # ------------------------------------------------------------------
    @api.model
    def _b2b_read_upload(self, data):
        """The text of an uploaded CSV file (bytes). Refuses, with a
        translated UserError, files that are too large or not text."""
        if len(data) > B2B_QUICK_ORDER_MAX_BYTES:
            raise UserError(
                self.env._(
                    "The file is too large: a quick order takes at most %(lines)s "
                    "lines (%(size)s KB).",
                    lines=B2B_QUICK_ORDER_MAX_LINES,
                    size=B2B_QUICK_ORDER_MAX_BYTES // 1024,
                )
            )
        not_text = self.env._(
            "This file is not a text or CSV file. Save the spreadsheet as CSV "
            "(product code and quantity per line) and upload it again."
        )
        if b"\x00" in data:
            raise UserError(not_text)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # spreadsheets on Windows save CSV in their code page
            text = data.decode("cp1252", errors="replace")
        if BINARY_CHARS.search(text):
            raise UserError(not_text)
        return text

    @api.model
    def _b2b_split_lines(self, text):
        """The rows of a pasted text or CSV: a list of ``(line number,
        product code, quantity as typed)``. Blank lines are skipped; the
        first of the separators ``;``, tab, ``,`` found on a line separates
        the code from the quantity (a comma after it may be a decimal
        comma); more columns are ignored. Raises a translated UserError
        when there are more lines than a quick order takes."""
        text = (text or "").lstrip("\ufeff")
        if len(text.encode()) > B2B_QUICK_ORDER_MAX_BYTES:
            raise UserError(
                self.env._(
                    "A quick order takes at most %(count)s lines.",
                    count=B2B_QUICK_ORDER_MAX_LINES,
                )
            )
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip().strip("\ufeff")
            if not line:
                continue
            separator = next((s for s in SEPARATORS if s in line), None)
            if separator is None:
                code, quantity = line, ""
            else:
                code, rest = line.split(separator, 1)
                # further columns (a description, a price) are ignored; with
                # commas the rest may also be a decimal comma ("A1,2,5")
                if separator != ",":
                    rest = rest.split(separator, 1)[0]
                quantity = rest
            rows.append((number, code.strip().strip('"'), quantity.strip().strip('"')))
        if len(rows) > B2B_QUICK_ORDER_MAX_LINES + 1:  # + a header line
            raise UserError(
                self.env._(
                    "A quick order takes at most %(max)s lines; this one has "
                    "%(count)s. Please split it into several orders.",
                    max=B2B_QUICK_ORDER_MAX_LINES,
                    count=len(rows),
                )
            )
        return rows

    # ------------------------------------------------------------------
    # Products the customer may buy
    # ------------------------------------------------------------------
    @api.model
    def _b2b_sellable_domain(self, company):
        """Products sold on the portal to customers of ``company`` (what
        one customer may buy among them: ``_b2b_find_products`` and
        ``_b2b_check_lines``, which capabilities extend)."""
        return (
            Domain("sale_ok", "=", True)
            & Domain("company_id", "in", [False, company.id])
            & Domain("type", "!=", "combo")
        )

    @api.model
    def _b2b_find_products(self, domains, customer, limit):
        """The first ``limit`` products ``customer`` may buy (sudo, their
        fields for the search box read): those of the first domain in
        ``domains`` first, each in code order. Capabilities that restrict
        what a customer buys extend it."""
        Product = self.env["product.product"].sudo()
        products = Product.browse()
        for domain in domains:
            if len(products) >= limit:
                break
            products |= Product.search_fetch(
                domain & Domain("id", "not in", products.ids),
                ["default_code", "display_name", "uom_id"],
                limit=limit - len(products),
                order="default_code, id",
            )
        return products

    @api.model
    def _b2b_check_lines(self, rows, company, customer=None):
        """Resolve the rows of ``_b2b_split_lines`` to products, in one
        query. Returns ``(lines, errors)``: lines as dicts (``line``,
        ``code``, ``product``, ``quantity``), errors as dicts (``line``,
        ``code``, ``message``), both in the order typed. Quantities are read
        in the reader's language (``res.lang._b2b_parse_number``); a line
        without one is a line of 1. The first of several rows that is
        neither a product nor has a quantity is a header and skipped."""
        env = self.env
        Lang = env["res.lang"]
        Product = env["product.product"].sudo()
        codes = {code for _n, code, _q in rows if code}
        found = Product.search_fetch(
            Domain("default_code", "in", list(codes | {c.upper() for c in codes})),
            ["default_code", "sale_ok", "company_id", "type", "display_name", "uom_id"],
            order="id",
        )
        sellable = found.filtered_domain(self._b2b_sellable_domain(company))
        by_code, unsellable = {}, set()
        for product in found:
            if product in sellable:
                by_code.setdefault(product.default_code, product)
            else:
                unsellable.add(product.default_code)
        first_code = rows[0][1] if rows else ""
        if (
            len(rows) > 1
            and not {first_code, first_code.upper()} & (set(by_code) | unsellable)
            and Lang._b2b_parse_number(rows[0][2]) is None
        ):
            rows = rows[1:]
        if len(rows) > B2B_QUICK_ORDER_MAX_LINES:
            raise UserError(
                self.env._(
                    "A quick order takes at most %(max)s lines; this one has "
                    "%(count)s. Please split it into several orders.",
                    max=B2B_QUICK_ORDER_MAX_LINES,
                    count=len(rows),
                )
            )
        lines, errors = [], []
        for number, code, quantity_text in rows:

            def error(message, number=number, code=code):
                errors.append({"line": number, "code": code, "message": message})

            product = by_code.get(code) or by_code.get(code.upper())
            if not code or len(code) > B2B_QUICK_ORDER_MAX_CODE:
                error(env._("Please enter a product code."))
                continue
            if not product:
                if code in unsellable or code.upper() in unsellable:
                    error(env._("This product is not sold to you."))
                else:
                    error(env._("Unknown product code."))
                continue
            quantity = Lang._b2b_parse_number(quantity_text) if quantity_text else 1.0
            if quantity is None or not quantity:
                error(
                    env._(
                        "Invalid quantity %(quantity)s: please enter a number "
                        "greater than 0, for example %(example)s.",
                        quantity=quantity_text,
                        example=Lang._b2b_number_example(),
                    )
                )
                continue
            if quantity > B2B_QUICK_ORDER_MAX_QUANTITY:
                error(
                    env._(
                        "The quantity %(quantity)s is over the maximum of "
                        "%(maximum)s per line.",
                        quantity=quantity_text,
                        maximum=Lang._b2b_number_lang().format(
                            "%d", B2B_QUICK_ORDER_MAX_QUANTITY, grouping=True
                        ),
                    )
                )
                continue
            if product.uom_id.is_zero(quantity):
                error(
                    env._(
                        "The quantity %(quantity)s is below the smallest quantity "
                        "of %(unit)s that can be ordered (%(smallest)s).",
                        quantity=quantity_text,
                        unit=product.uom_id.name,
                        smallest=Lang._b2b_format_number(
                            product.uom_id.rounding, digits=6
                        ),
                    )
                )
                continue
            lines.append(
                {"line": number, "code": code, "product": product, "quantity": quantity}
            )
        return lines, errors

    @api.model
    def _b2b_parse(self, text, company, customer=None):
        """``_b2b_split_lines`` then ``_b2b_check_lines``; a quick order
        without any line is refused."""
        lines, errors = self._b2b_check_lines(
            self._b2b_split_lines(text), company, customer
        )
        if not lines and not errors:
            raise UserError(
                self.env._(
                    "Please enter at least one line: a product code and a quantity."
                )
            )
        return lines, errors

    @api.model
    def _b2b_lines_text(self, lines):
        """Checked lines as the form's text (``CODE;QTY`` per line)."""
        return "\n".join(
            f"{line['product'].default_code};"
            f"{self.env['res.lang']._b2b_format_number(line['quantity'], digits=6)}"
            for line in lines
        )

    # ------------------------------------------------------------------
    # Selling defaults and prices
    # ------------------------------------------------------------------
    @api.model
    def _b2b_new_order(self, customer, delivery=None, reseller=None):
        """An order in memory for ``customer`` (sudo), with the selling
        defaults a real one gets: pricelist, payment terms, fiscal position,
        prepayment. With a ``reseller`` that sells at its own prices, the
        reseller's pricelist."""
        vals = {"partner_id": customer.id}
        if delivery:
            vals["partner_shipping_id"] = delivery.id
        order = self.env["sale.order"].sudo().new(vals)
        if reseller and reseller.b2b_reseller_prices_own:
            pricelist = reseller.with_company(
                order.company_id
            ).b2b_effective_pricelist_id
            if pricelist:
                order.pricelist_id = pricelist
        return order

    @api.model
    def _b2b_price_products(self, order, items):
        """Unit prices of ``items`` (a list of (product, quantity)) with the
        order's pricelist, as a list in the same order, rounded as the
        order's lines store them (precision "Product Price"), so that the
        preview's amounts are the quotation's. The pricelist rules are read
        once for all products (and once per base pricelist), then applied
        per quantity in Python."""
        pricelist = order.pricelist_id
        currency = order.currency_id or order.company_id.currency_id
        date = order.date_order or fields.Datetime.now()
        products = self.env["product.product"].union(*(p for p, _q in items))
        by_quantity = defaultdict(lambda: self.env["product.product"])
        for product, quantity in items:
            by_quantity[quantity] |= product
        cache = {}
        prices = {}
        digits = self.env["decimal.precision"].precision_get("Product Price")
        for quantity, group in by_quantity.items():
            results = pricelist._compute_price_rule(
                group,
                quantity,
                currency=currency,
                date=date,
                b2b_rules_cache=cache,
                b2b_rule_products=products,
            )
            for product_id, (price, _rule) in results.items():
                prices[product_id, quantity] = float_round(
                    price, precision_digits=digits
                )
        return [prices[product.id, quantity] for product, quantity in items]

    @api.model
    def _b2b_preview(self, order, lines):
        """What the buyer sees before submitting: each line with its unit
        price and subtotal, the untaxed amount, the taxes and the total,
        and whether the order is paid online first."""
        company = order.company_id
        currency = order.currency_id or company.currency_id
        items = [(line["product"], line["quantity"]) for line in lines]
        prices = self._b2b_price_products(order, items)
        AccountTax = self.env["account.tax"]
        fiscal_position = order.fiscal_position_id
        base_lines, taxes_cache = [], {}
        for line, price in zip(lines, prices, strict=True):
            product = line["product"].with_company(company)
            key = tuple(product.taxes_id.ids)
            if key not in taxes_cache:
                taxes_cache[key] = fiscal_position.map_tax(
                    product.taxes_id._filter_taxes_by_company(company)
                )
            base_lines.append(
                AccountTax._prepare_base_line_for_taxes_computation(
                    {},
                    price_unit=price,
                    quantity=line["quantity"],
                    tax_ids=taxes_cache[key],
                    currency_id=currency,
                    product_id=product,
                    partner_id=order.partner_id,
                    rate=order.currency_rate or 1.0,
                )
            )
        AccountTax._add_tax_details_in_base_lines(base_lines, company)
        AccountTax._round_base_lines_tax_details(base_lines, company)
        totals = AccountTax._get_tax_totals_summary(
            base_lines=base_lines, currency=currency, company=company
        )
        preview_lines = [
            dict(
                line,
                price_unit=price,
                subtotal=base_line["tax_details"]["total_excluded_currency"],
            )
            for line, price, base_line in zip(lines, prices, base_lines, strict=True)
        ]
        return {
            "lines": preview_lines,
            "currency": currency,
            "pricelist": order.pricelist_id,
            "payment_term": order.payment_term_id,
            "amount_untaxed": totals["base_amount_currency"],
            "amount_tax": totals["tax_amount_currency"],
            "amount_total": totals["total_amount_currency"],
            "require_payment": order.require_payment,
        }

    @api.model
    def _b2b_search_products(self, term, order):
        """Products matching ``term`` (code or name) that the order's
        customer may buy, with their unit price: the form's search box."""
        term = (term or "").strip()[:B2B_QUICK_ORDER_MAX_CODE]
        if not term:
            return []
        sellable = self._b2b_sellable_domain(order.company_id) & Domain(
            "default_code", "!=", False
        )
        # codes first: the products' codes have a trigram index
        # (b2b.quick.order.init); the translated names (their own trigram
        # index) only when the codes do not fill the list
        products = self._b2b_find_products(
            [
                sellable & Domain("default_code", "ilike", term),
                sellable & Domain("name", "ilike", term),
            ],
            order.partner_id,
            B2B_QUICK_ORDER_SEARCH_LIMIT,
        )
        prices = self._b2b_price_products(order, [(p, 1.0) for p in products])
        return [
            {"product": product, "price_unit": price}
            for product, price in zip(products, prices, strict=True)
        ]

    # ------------------------------------------------------------------
    # The quotation
    # ------------------------------------------------------------------
    @api.model
    def _b2b_delivery_addresses(self, customer):
        """The delivery addresses an order of ``customer`` may go to (sudo):
        its company's active delivery addresses, else the company itself."""
        company = customer.sudo().commercial_partner_id
        addresses = company.child_ids.filtered(
            lambda a: a.active and a.type == "delivery"
        )
        return addresses or company

    @api.model
    def _b2b_default_delivery(self, customer):
        addresses = self._b2b_delivery_addresses(customer)
        default = customer.sudo()._b2b_get_default_delivery()
        return default if default in addresses else addresses[:1]

    @api.model
    def _b2b_check_delivery(self, customer, delivery_id):
        """The delivery address ``delivery_id`` (as posted) of ``customer``,
        or the default one when none was chosen; a translated UserError for
        any other."""
        addresses = self._b2b_delivery_addresses(customer)
        if not delivery_id:
            return self._b2b_default_delivery(customer)
        delivery = addresses.filtered(lambda a: str(a.id) == str(delivery_id))
        if not delivery:
            raise UserError(
                self.env._("Please choose a delivery address from the list.")
            )
        return delivery

    @api.model
    def _b2b_create_quotation(
        self, customer, lines, delivery, ordered_by, reseller=None
    ):
        """The quotation of a quick order (sudo): ``customer`` is the
        order's customer (the buyer contact, or a reseller's end customer),
        ``ordered_by`` the portal contact who placed it, ``reseller`` the
        reseller ordering for its end customer. The selling defaults apply
        as on any new order. No access check: callers check the buyer."""
        order_new = self._b2b_new_order(customer, delivery, reseller)
        vals = {
            "partner_id": customer.id,
            "partner_shipping_id": delivery.id,
            "b2b_portal_order": True,
            "order_line": [
                Command.create(
                    {
                        "product_id": line["product"].id,
                        "product_uom_qty": line["quantity"],
                    }
                )
                for line in lines
            ],
        }
        if order_new.company_id.b2b_quick_order_confirm == "review":
            # the acceptance is the signature the salesperson reviews
            vals["require_signature"] = True
        if reseller:
            vals["b2b_ordered_by_reseller_id"] = reseller.id
            if reseller.b2b_reseller_prices_own and order_new.pricelist_id:
                vals["pricelist_id"] = order_new.pricelist_id.id
        order = self.env["sale.order"].sudo().create(vals)
        # offered to the buyer: Odoo's portal lists quotations once sent
        order.action_quotation_sent()
        order._b2b_after_portal_order(ordered_by)
        return order
