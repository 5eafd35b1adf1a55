from odoo import api, models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    @api.model
    def _b2b_enable_pricelist_feature(self):
        """Switch Odoo's pricelist feature on, the way Settings > Pricelists and
        the multi-currency activation do it: employees get
        ``product.group_product_pricelist`` and every company its default
        pricelist.

        Customer groups and individual prices hand out pricelists; with the
        feature off Odoo hides pricelists in the back office, ignores them when
        it picks a partner's pricelist, and archives every one of them the
        next time Settings are saved."""
        if self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        ):
            return
        self.env.ref("base.group_user").sudo()._apply_group(
            self.env.ref("product.group_product_pricelist").sudo()
        )
        self.env["res.company"].sudo()._activate_or_create_pricelists()

    @api.model
    def _get_partner_pricelist_multi(self, partner_ids):
        """The pricelist of a customer with an effective B2B pricelist (its
        own, else its first customer group's, else its parent company's in a
        group of companies) is that pricelist, wherever Odoo resolves a
        partner's pricelist (``property_product_pricelist``): new quotations,
        the webshop, the quick order and any other module price alike.

        The seller gave that pricelist to the customer on purpose, so it
        applies as given: neither a country group nor a website's own
        pricelists replace it. Customers without one keep Odoo's resolution
        (own pricelist, country groups, the website's pricelists, the
        default)."""
        result = super()._get_partner_pricelist_multi(partner_ids)
        if not self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        ):
            return result
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .browse(pid for pid in partner_ids if isinstance(pid, int))
        )
        if not partners:
            return result
        inherited = partners._b2b_inherited_values(("pricelist",))
        for partner in partners:
            company = partner.commercial_partner_id
            pricelist, origin = inherited[company]["pricelist"]
            # a customer outside B2B keeps Odoo's rules for its own pricelist
            own = pricelist == company.specific_property_product_pricelist
            if origin and (company.is_b2b or not own):
                result[partner.id] = pricelist.with_env(self.env)
        return result

    def _get_applicable_rules(self, products, date, **kwargs):
        """With ``b2b_rules_cache`` (a dict the caller keeps for one batch of
        prices), read each pricelist's rules once, for all the products of
        the batch (``b2b_rule_products``): pricing a quick order of many
        lines at several quantities then costs one query per pricelist, not
        one per line. The rules of the batch are filtered per product and
        quantity by Odoo (``_is_applicable_for``), as always."""
        cache = kwargs.get("b2b_rules_cache")
        if cache is None or not self:
            return super()._get_applicable_rules(products, date, **kwargs)
        key = (self.id, date)
        if key not in cache:
            cache[key] = super()._get_applicable_rules(
                kwargs.get("b2b_rule_products") or products, date, **kwargs
            )
        return cache[key]
