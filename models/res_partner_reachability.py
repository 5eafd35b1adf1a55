"""When a contact can be reached: weekday x hour slots in its own time
zone (``b2b.reachability``), the hours grid, "Reachable now" and "Next
reachable"."""

import math
import re

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_reachability_ids = fields.One2many(
        comodel_name="b2b.reachability",
        inverse_name="partner_id",
        string="Reachability",
    )

    b2b_reachable_now = fields.Boolean(
        string="Reachable Now",
        compute="_compute_b2b_reachable_now",
        search="_search_b2b_reachable_now",
    )

    b2b_next_reachable = fields.Char(
        string="Next Reachable", compute="_compute_b2b_next_reachable"
    )

    b2b_reachability_grid = fields.Char(
        string="Reachability Hours",
        compute="_compute_b2b_reachability_grid",
        inverse="_inverse_b2b_reachability_grid",
        help="Technical: the reachability slots as 168 hour cells "
        "(Monday 00:00 first, 1 = reachable), edited by the hours grid.",
    )

    def _compute_b2b_reachable_now(self):
        partners = self.filtered("id")
        reachable = set()
        if partners:
            reachable = set(
                self.search(
                    [("id", "in", partners.ids), ("b2b_reachable_now", "=", True)]
                ).ids
            )
        for partner in self:
            partner.b2b_reachable_now = partner.id in reachable

    def _search_b2b_reachable_now(self, operator, value):
        """One containment test on ``b2b_reachable_utc``, a multirange of UTC
        minutes of the week kept in step with the slots by a trigger (see
        ``b2b.reachability.init``): no join, GiST-indexed."""
        if operator not in ("in", "not in"):
            return NotImplemented
        slots = self.env["b2b.reachability"]
        # the trigger sees the slots once they are written
        slots.flush_model()
        minute = slots._utc_minute_of_week()
        positive = (True in value) == (operator == "in")

        def to_sql(model, alias, query):
            column = SQL.identifier(alias, "b2b_reachable_utc")
            if positive:
                return SQL("%s @> %s::integer", column, minute)
            return SQL("(%s IS NULL OR NOT %s @> %s::integer)", column, column, minute)

        return Domain.custom(to_sql=to_sql)

    def _b2b_reachability_tz(self):
        """Time zone of the partner's reachability hours."""
        self.ensure_one()
        return (
            self.tz
            or self.commercial_partner_id.tz
            or self.env.company.partner_id.tz
            or "UTC"
        )

    @api.depends(
        "tz",
        "commercial_partner_id.tz",
        "b2b_reachability_ids.dayofweek",
        "b2b_reachability_ids.hour_from",
        "b2b_reachability_ids.hour_to",
    )
    def _compute_b2b_next_reachable(self):
        now = fields.Datetime.now()
        for partner in self:
            partner.b2b_next_reachable = partner._b2b_get_next_reachable(now)

    def _b2b_get_next_reachable(self, now):
        """ "Reachable now", "Next reachable: Tuesday 08:00 (their time)" or
        False, from the slots in the partner's time zone at ``now`` (naive UTC).
        """
        self.ensure_one()
        slots = self.b2b_reachability_ids
        if not slots:
            return False
        tz = pytz.timezone(self._b2b_reachability_tz())
        local = pytz.utc.localize(now).astimezone(tz)
        minute = local.weekday() * 1440 + local.hour * 60 + local.minute
        week = 7 * 1440
        best = None
        for slot in slots:
            start = int(slot.dayofweek) * 1440 + round(slot.hour_from * 60)
            end = int(slot.dayofweek) * 1440 + round(slot.hour_to * 60)
            if start <= minute < end or start <= minute + week < end:
                return self.env._("Reachable now")
            wait = (start - minute) % week
            if best is None or wait < best[0]:
                best = (wait, slot, start)
        __, slot, start = best
        days = dict(
            self.env["b2b.reachability"]
            ._fields["dayofweek"]
            ._description_selection(self.env)
        )
        return self.env._(
            "Next reachable: %(day)s %(hour)02d:%(minute)02d (their time)",
            day=days[slot.dayofweek],
            hour=start % 1440 // 60,
            minute=start % 60,
        )

    @api.depends(
        "b2b_reachability_ids.dayofweek",
        "b2b_reachability_ids.hour_from",
        "b2b_reachability_ids.hour_to",
    )
    def _compute_b2b_reachability_grid(self):
        for partner in self:
            cells = ["0"] * (7 * 24)
            for slot in partner.b2b_reachability_ids:
                day = int(slot.dayofweek) * 24
                last = min(24, math.ceil(slot.hour_to))
                for hour in range(int(slot.hour_from), last):
                    cells[day + hour] = "1"
            partner.b2b_reachability_grid = "".join(cells)

    def _inverse_b2b_reachability_grid(self):
        for partner in self:
            grid = partner.b2b_reachability_grid or ""
            if grid and (len(grid) != 7 * 24 or set(grid) - {"0", "1"}):
                raise ValidationError(self.env._("Invalid reachability hours."))
            commands = [fields.Command.clear()]
            for day in range(7):
                hours = grid[day * 24 : day * 24 + 24] if grid else "0" * 24
                for match in re.finditer("1+", hours):
                    commands.append(
                        fields.Command.create(
                            {
                                "dayofweek": str(day),
                                "hour_from": float(match.start()),
                                "hour_to": float(match.end()),
                            }
                        )
                    )
            partner.b2b_reachability_ids = commands
