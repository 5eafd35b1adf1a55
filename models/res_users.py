from odoo import api, fields, models
from odoo.exceptions import AccessDenied


class ResUsers(models.Model):
    _inherit = "res.users"

    b2b_suspended = fields.Boolean(
        string="B2B Account Suspended",
        copy=False,
        readonly=True,
        help="The user's company B2B account is suspended: the user cannot log in.",
    )

    def _get_session_token_fields(self):
        # suspending a company ends its users' running sessions
        return super()._get_session_token_fields() | {"b2b_suspended"}

    def _b2b_is_suspended(self):
        self.ensure_one()
        commercial = self.partner_id.commercial_partner_id
        return self.share and (
            self.b2b_suspended
            or (commercial.is_b2b and commercial.b2b_state == "suspended")
        )

    def _check_credentials(self, credential, env):
        auth_info = super()._check_credentials(credential, env)
        # the password was right: only now say why the door stays closed
        # (like Odoo, the checked user is self, or the session user)
        user = self[:1] or self.env.user
        if user._b2b_is_suspended():
            raise AccessDenied(
                self.env._("Your company's account is suspended. Please contact us.")
            )
        return auth_info

    @api.model
    def _b2b_clear_rule_cache(self):
        """Record rules depend on the users' B2B role and company state."""
        self.env.registry.clear_cache()
