from odoo import api, models

#: what a user's own write may not change while acting
B2B_CREDENTIAL_FIELDS = {"password", "login", "email"}


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def change_password(self, old_passwd, new_passwd):
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("password")
        return super().change_password(old_passwd, new_passwd)

    def write(self, vals):
        changed = B2B_CREDENTIAL_FIELDS.intersection(vals)
        Assistance = self.env["b2b.assistance.session"]
        if changed and Assistance._b2b_current():
            # Odoo's own forms write the e-mail unchanged with the rest
            if "password" in changed or any(
                (user[name] or "") != (vals[name] or "")
                for user in self
                for name in changed
            ):
                Assistance._b2b_refuse_while_acting("credentials")
        return super().write(vals)

    def _deactivate_portal_user(self, **post):
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("delete_account")
        return super()._deactivate_portal_user(**post)
