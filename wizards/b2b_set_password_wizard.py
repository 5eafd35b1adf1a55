import secrets
import string

from odoo import api, fields, models
from odoo.exceptions import UserError

#: our own floor; Odoo's password policy (auth_password_policy) may ask more
MIN_PASSWORD_LENGTH = 8


class B2bSetPasswordWizard(models.TransientModel):
    """Staff set a contact's portal password, or let Odoo generate a strong
    one that is shown once and never stored. Why not Odoo's
    ``change.password.wizard``: it lists users (not the contact the staff
    has open), only takes a typed password and is for administrators."""

    _name = "b2b.set.password.wizard"
    _description = "Set a Portal Password"

    partner_id = fields.Many2one(
        comodel_name="res.partner", required=True, readonly=True
    )
    mode = fields.Selection(
        selection=[
            ("generate", "Generate a strong password"),
            ("set", "Type a password"),
        ],
        required=True,
        default="generate",
    )
    password = fields.Char()
    #: only ever filled in the unsaved record that shows it (never written)
    generated_password = fields.Char(readonly=True)
    done = fields.Boolean(readonly=True)

    @api.model
    def _min_length(self):
        policy = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("auth_password_policy.minlength", "0")
        )
        try:
            return max(MIN_PASSWORD_LENGTH, int(policy))
        except ValueError:
            return MIN_PASSWORD_LENGTH

    @api.model
    def _generate_password(self):
        alphabet = string.ascii_letters + string.digits + "-_.!?"
        length = max(16, self._min_length())
        return "".join(secrets.choice(alphabet) for _i in range(length))

    def action_apply(self):
        self.ensure_one()
        self.partner_id._b2b_check_staff()
        if self.mode == "set":
            password = self.password or ""
            if len(password) < self._min_length():
                raise UserError(
                    self.env._(
                        "The password must have at least %(length)s characters.",
                        length=self._min_length(),
                    )
                )
        else:
            password = self._generate_password()
        user = self.partner_id.sudo()._b2b_grant_portal_access()
        if user._is_internal():
            raise UserError(
                self.env._("Internal users change their password in their preferences.")
            )
        user.write({"password": password})
        self.partner_id.message_post(
            body=self.env._(
                "Portal password set by %(user)s.", user=self.env.user.name
            ),
            subtype_xmlid="mail.mt_note",
        )
        # as Odoo's change-password wizard clears ``new_passwd``: the row
        # keeps no password. The generated one is shown once, as the default
        # of an unsaved record in the dialog that follows (as Odoo shows a new
        # API key): it never reaches the database.
        self.write({"password": False, "generated_password": False, "done": True})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_mode": self.mode,
                "default_done": True,
                "default_generated_password": password
                if self.mode == "generate"
                else False,
            },
        }
