from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BPricelistFeature(B2BCommon):
    """Customer groups and individual prices switch Odoo's pricelist feature
    on, and Settings never archive a pricelist a customer group uses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_user = cls.env.ref("base.group_user")
        cls.group_pricelist = cls.env.ref("product.group_product_pricelist")
        # a shop that has not used pricelists yet (as in Odoo's own
        # product/tests/test_pricelist_auto_creation.py)
        cls.group_user._remove_group(cls.group_pricelist)
        cls.pricelist = cls.env["product.pricelist"].create({"name": "Dealers"})
        cls.sales_manager = new_test_user(
            cls.env,
            login="b2b_pricelist_manager",
            groups="sales_team.group_sale_manager,b2b_customer.group_b2b_user",
        )

    def feature_on(self):
        return self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        )

    def new_group(self, **vals):
        return self.env["b2b.customer.group"].create({"name": "Dealers", **vals})

    def switch_feature_off(self):
        self.group_user._remove_group(self.group_pricelist)
        self.assertFalse(self.feature_on())

    def save_settings(self, pricelists):
        settings = self.env["res.config.settings"].create({})
        settings.group_product_pricelist = pricelists
        settings.execute()

    def test_group_pricelist_switches_the_feature_on(self):
        self.assertFalse(self.feature_on())
        self.new_group()
        self.assertFalse(self.feature_on(), "a group without pricelist needs none")
        self.new_group(pricelist_id=self.pricelist.id)
        self.assertTrue(self.feature_on())
        self.assertTrue(self.sales_manager.has_group("product.group_product_pricelist"))

    def test_pricelist_given_later_switches_the_feature_on(self):
        group = self.new_group()
        self.assertFalse(self.feature_on())
        group.pricelist_id = self.pricelist
        self.assertTrue(self.feature_on())

    def test_individual_prices_switch_the_feature_on(self):
        self.company_a.b2b_group_ids = self.new_group(pricelist_id=self.pricelist.id)
        self.switch_feature_off()
        self.company_a.with_user(self.sales_manager).action_b2b_individual_prices()
        self.assertTrue(self.feature_on())

    def test_settings_refuse_to_switch_off_pricelists_of_groups(self):
        self.new_group(pricelist_id=self.pricelist.id)
        with self.assertRaisesRegex(UserError, "Dealers"):
            self.save_settings(pricelists=False)
        self.assertTrue(self.pricelist.active)
        self.assertTrue(self.feature_on())

    def test_settings_switch_on_pricelists_groups_use(self):
        """A database where groups got pricelists while the feature was off
        (before groups switched it on): saving Settings keeps the pricelists
        and switches the feature on."""
        self.new_group(pricelist_id=self.pricelist.id)
        self.switch_feature_off()
        self.save_settings(pricelists=False)
        self.assertTrue(self.pricelist.active)
        self.assertTrue(self.feature_on())

    def test_settings_without_group_pricelists_as_odoo(self):
        # no customer group prices with a pricelist (demo groups included)
        self.env["b2b.customer.group"].with_context(active_test=False).search(
            []
        ).pricelist_id = False
        self.new_group()
        self.save_settings(pricelists=False)
        self.assertFalse(self.pricelist.active)
        self.assertFalse(self.feature_on())
