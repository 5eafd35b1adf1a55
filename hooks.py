def post_init_hook(env):
    """Give every existing company its own customer-number sequence."""
    for company in env["res.company"].search([]):
        company._b2b_get_customer_sequence()
