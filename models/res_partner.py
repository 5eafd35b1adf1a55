"""The B2B account of a partner: whether it has one, and its state.

Each concern of the module extends ``res.partner`` in a file of its own
(``res_partner_<concern>.py``, loaded after this one). ``create`` and
``write`` are defined here once; they call the small hooks below, which the
concern files extend with ``super()``:

- ``_b2b_check_vals(vals)``: refuse values before anything is written;
- ``_b2b_before_write(vals)``: per-record checks, returns the records to
  write (with the context later checks need);
- ``_b2b_after_create()`` and ``_b2b_after_write(vals)``: what follows.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError

#: longest accepted value of a text input of the module's forms (one limit
#: for every form: sign-up, company, reseller, search boxes)
B2B_MAX_INPUT_LENGTH = 256
B2B_STATES = [
    ("pending", "Waiting for approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("suspended", "Suspended"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_b2b = fields.Boolean(
        string="B2B Account",
        copy=False,
        tracking=True,
        help="This company has (or requested) a B2B account.",
    )
    b2b_state = fields.Selection(
        selection=B2B_STATES,
        string="B2B Status",
        copy=False,
        tracking=True,
        index="btree_not_null",
        readonly=True,
        help="Approval state of the B2B account. Only an approved account may buy.",
    )

    def _auto_init(self):
        """The capabilities' stored columns are created with their values in
        SQL before the ORM would write or compute them for every partner (at
        install and on a database of the previous version):
        ``_b2b_init_columns``."""
        self._b2b_init_columns()
        return super()._auto_init()

    def _b2b_init_columns(self):
        """Hook: create a capability's stored columns, with their values,
        in SQL when they do not exist yet."""

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._b2b_check_vals(vals)
        partners = super().create(vals_list)
        partners._b2b_after_create()
        return partners

    def write(self, vals):
        self._b2b_check_vals(vals)
        partners = self._b2b_before_write(vals)
        res = super(ResPartner, partners).write(vals)
        partners._b2b_after_write(vals)
        return res

    def _commercial_sync_to_descendants(self, fields_to_sync=None):
        """Odoo calls this after each write of a company, also when no
        written field is a commercial one: it then writes nothing (``{}``) to
        every contact of every company written, one write per company. A
        bulk decision over 1,000 companies spent a tenth of its time there;
        an empty sync is skipped."""
        if fields_to_sync is not None and not fields_to_sync:
            return None
        return super()._commercial_sync_to_descendants(fields_to_sync)

    @api.model
    def _b2b_check_vals(self, vals):
        """Raise when ``vals`` may not be written by the current user."""

    def _b2b_before_write(self, vals):
        """Check the records against ``vals`` (which may be completed) and
        return them, with the context the later checks need."""
        return self

    def _b2b_after_create(self):
        """Hook called on the partners just created."""

    def _b2b_after_write(self, vals):
        """Hook called on the partners just written with ``vals``."""

    def _b2b_requires_prepayment(self):
        """Whether the orders of this customer are paid online before they
        are processed (``sale.order.require_payment``), or None to leave it
        to Odoo. Hook: the selling defaults answer for B2B companies, a
        reseller's choice for its end customers first."""
        self.ensure_one()

    # ------------------------------------------------------------------
    # Who may act: the two staff levels, checked first by every action
    # ------------------------------------------------------------------
    @api.model
    def _b2b_check_staff(self):
        """B2B users (and managers, and the system) only."""
        if not self.env.su and not self.env.user.has_group(
            "b2b_customer.group_b2b_user"
        ):
            raise AccessError(
                self.env._("Only B2B staff may manage the portal access of contacts.")
            )

    @api.model
    def _b2b_check_manager(self):
        """B2B managers (and the system) only."""
        if not self.env.su and not self.env.user.has_group(
            "b2b_customer.group_b2b_manager"
        ):
            raise AccessError(
                self.env._("Only B2B managers may approve, reject or suspend accounts.")
            )

    @api.model
    def _b2b_notification(self, message, kind="success", close=False, reload=False):
        """The back-office toast that says an action worked (Odoo's
        ``display_notification`` client action); then the dialog closes
        (``close``) or the form shows the new state (``reload``)."""
        params = {"type": kind, "message": message}
        if close:
            params["next"] = {"type": "ir.actions.act_window_close"}
        elif reload:
            params["next"] = {"type": "ir.actions.client", "tag": "soft_reload"}
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": params,
        }
