from odoo.tools import SQL

from odoo.addons.payment import reset_payment_provider

from .models.assortment.b2b_assortment_sql import drop_assortment_functions
from .models.ordering.product_product import drop_code_trigram_index


def post_init_hook(env):
    """Give every existing company its own customer-number sequence."""
    for company in env["res.company"].search([]):
        company._b2b_get_customer_sequence()


def uninstall_hook(env):
    """Remove what ``b2b.reachability.init`` created outside the ORM: the
    partners' reachability multirange, its index, triggers and functions;
    the assortments' functions (``b2b.assortment.init``); the trigram index
    of product codes (``product.product.init``); disable the "Pay
    on Account" provider as Odoo's provider modules do."""
    reset_payment_provider(env, "b2b_on_account")
    env.cr.execute(
        SQL(
            """
            DROP TRIGGER IF EXISTS b2b_reachability_insert ON b2b_reachability;
            DROP TRIGGER IF EXISTS b2b_reachability_update ON b2b_reachability;
            DROP TRIGGER IF EXISTS b2b_reachability_delete ON b2b_reachability;
            DROP FUNCTION IF EXISTS b2b_reachability_changed();
            DROP FUNCTION IF EXISTS b2b_reachability_refresh(integer[]);
            ALTER TABLE res_partner DROP COLUMN IF EXISTS b2b_reachable_utc;
            """
        )
    )
    drop_assortment_functions(env.cr)
    drop_code_trigram_index(env.cr)
