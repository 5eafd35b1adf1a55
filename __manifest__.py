# Copyright 2026 b2b_customer authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "B2B Customer Management",
    "summary": "B2B accounts with approval, customer numbers, company users, "
    "reseller portals and customer groups",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "author": "b2b_customer authors",
    "website": "https://github.com/b2b-customer/b2b_customer",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["contacts", "portal", "auth_signup", "sale", "base_vat", "mail"],
    "data": [
        "security/b2b_customer_security.xml",
        "security/ir.model.access.csv",
        "security/b2b_customer_rules.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/mail_template_portal_data.xml",
        "views/b2b_customer_group_views.xml",
        "views/b2b_reseller_tag_views.xml",
        "wizards/b2b_set_password_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/res_partner_profile_views.xml",
        "views/directory_templates.xml",
        "views/portal_address_templates.xml",
        "views/res_config_settings_views.xml",
        "views/res_lang_views.xml",
        "views/sale_order_views.xml",
        "views/b2b_request_report_views.xml",
        "views/portal_templates.xml",
        "views/sale_portal_templates.xml",
        "views/portal_company_templates.xml",
        "views/portal_reseller_templates.xml",
        "views/b2b_reseller_views.xml",
        "wizards/b2b_review_wizard_views.xml",
        "wizards/b2b_confirm_override_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/b2b_customer_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "b2b_customer/static/src/scss/b2b_signup.scss",
        ],
        "web.assets_backend": [
            "b2b_customer/static/src/reachability_grid/**/*",
        ],
        "web.assets_tests": [
            "b2b_customer/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
