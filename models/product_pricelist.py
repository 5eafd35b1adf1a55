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
