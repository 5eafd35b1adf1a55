import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class B2bThrottle(models.Model):
    """Attempts of public actions (sign-up, upgrade request, verification
    mail), counted per e-mail address and per client address to stop abuse.
    Keys are stored hashed; old rows are removed by the autovacuum."""

    _name = "b2b.throttle"
    _description = "B2B Abuse Throttle"
    _log_access = False

    kind = fields.Char(required=True)
    key = fields.Char(required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    _kind_key_date_idx = models.Index("(kind, key, date)")

    #: default limits per hour: (per e-mail, per client address)
    DEFAULT_LIMITS = {
        "signup": (3, 20),
        "upgrade": (5, 20),
        "verify": (5, 30),
    }

    @api.model
    def _limit(self, kind, scope):
        """Attempts allowed per hour (at least 1)."""
        default = self.DEFAULT_LIMITS.get(kind, (5, 20))[0 if scope == "email" else 1]
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"b2b_customer.throttle_{kind}_per_{scope}", default)
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return default

    @api.model
    def _hash(self, value):
        return hashlib.sha256((value or "").strip().lower().encode()).hexdigest()

    @api.model
    def _check_and_hit(self, kind, email=None, ip=None):
        """Record an attempt; raise a friendly UserError when the e-mail
        address or the client address tried too often within an hour."""
        since = fields.Datetime.now() - timedelta(hours=1)
        Throttle = self.sudo()
        keys = {
            scope: f"{scope}:{self._hash(value)}"
            for scope, value in (("email", email), ("ip", ip))
            if value
        }
        # both counts in one query
        counts = dict(
            Throttle._read_group(
                [
                    ("kind", "=", kind),
                    ("key", "in", list(keys.values())),
                    ("date", ">=", since),
                ],
                ["key"],
                ["__count"],
            )
        )
        for scope, key in keys.items():
            # a first attempt passes any limit: its setting is not read
            count = counts.get(key, 0)
            if count and count >= self._limit(kind, scope):
                raise UserError(
                    self.env._(
                        "Too many attempts. Please wait an hour and try again, "
                        "or contact us."
                    )
                )
        # a technical log: inserted as is (no defaults, no access fields)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                "INSERT INTO b2b_throttle (kind, key, date) VALUES %s",
                SQL(", ").join(
                    SQL("(%s, %s, %s)", kind, key, now) for key in keys.values()
                ),
            )
        )

    @api.autovacuum
    def _gc_old_attempts(self):
        self.sudo().search(
            [("date", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
