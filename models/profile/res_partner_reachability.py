"""When a contact can be reached: weekday x hour slots in its own time
zone (``b2b.reachability``), the hours grid, "Reachable now" and "Next
reachable"."""

import itertools

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .b2b_reachability import MINUTES_PER_WEEK

#: the cells of the hours grid: not reachable, reachable the whole hour,
#: reachable part of the hour (a slot starts or ends within it)
CELL_OFF, CELL_ON, CELL_PART = "0", "1", "2"
HOURS_PER_WEEK = 7 * 24


def _hour_cells(intervals):
    """The 24 cells of a day reachable in ``intervals`` (minutes of the day,
    which may overlap while a form is being edited)."""
    covered = [0] * 24
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        for hour in range(start // 60, min(24, -(-end // 60))):
            covered[hour] += min(end, hour * 60 + 60) - max(start, hour * 60)
    return "".join(
        CELL_ON if minutes >= 60 else CELL_PART if minutes else CELL_OFF
        for minutes in covered
    )


def _apply_cells(intervals, old_cells, new_cells):
    """``intervals`` (minutes of one day) once the hours whose cell went from
    ``old_cells`` to ``new_cells`` are applied: an hour turned off is cut out,
    an hour turned on is joined with the intervals it overlaps or touches.
    The other intervals come back as they were, minutes included; a cell
    set to "part of the hour" changes nothing, as it cannot say which part.
    """
    pieces = list(intervals)
    changed = [
        new if new != old and new != CELL_PART else None
        for old, new in zip(old_cells, new_cells, strict=True)
    ]
    for hour, cell in enumerate(changed):
        if cell == CELL_OFF:
            low, high = hour * 60, hour * 60 + 60
            pieces = [
                piece
                for start, end in pieces
                for piece in ((start, min(end, low)), (max(start, high), end))
                if piece[0] < piece[1]
            ]
    for cell, run in itertools.groupby(enumerate(changed), key=lambda item: item[1]):
        if cell != CELL_ON:
            continue
        hours = [hour for hour, __ in run]
        low, high = hours[0] * 60, hours[-1] * 60 + 60
        touching = [p for p in pieces if p[0] <= high and p[1] >= low]
        starts = [low] + [start for start, __ in touching]
        ends = [high] + [end for __, end in touching]
        pieces = [p for p in pieces if p not in touching] + [(min(starts), max(ends))]
    return pieces


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
        "(Monday 00:00 first; 0 = not reachable, 1 = reachable the whole hour, "
        "2 = part of the hour), edited by the hours grid. Writing it changes "
        "only the hours whose cell changed.",
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
        now = fields.Datetime.now()
        # the ranges "Next reachable" reads, made those of this very moment
        slots._refresh_utc_ranges(now)
        minute = slots._utc_minute_of_week(now)
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
        "b2b_reachability_ids.dayofweek",
        "b2b_reachability_ids.hour_from",
        "b2b_reachability_ids.utc_start",
        "b2b_reachability_ids.utc_end",
    )
    def _compute_b2b_next_reachable(self):
        now = fields.Datetime.now()
        if self.b2b_reachability_ids:
            self.env["b2b.reachability"]._refresh_utc_ranges(now)
        for partner in self:
            partner.b2b_next_reachable = partner._b2b_next_reachable_label(now)

    def _b2b_get_next_reachable(self, now):
        """ "Reachable now", "Next reachable: Tuesday 08:00 (their time)" or
        False, at ``now`` (naive UTC)."""
        self.ensure_one()
        self.env["b2b.reachability"]._refresh_utc_ranges(now)
        return self._b2b_next_reachable_label(now)

    def _b2b_next_reachable_label(self, now):
        """The label of ``_b2b_get_next_reachable`` from the slots' UTC ranges,
        once they are those of ``now``: the ranges and the test of the
        "Reachable now" filter, so that both tell the same at any moment,
        daylight-saving changes included."""
        self.ensure_one()
        slots = self.b2b_reachability_ids
        if not slots:
            return False
        minute = slots._utc_minute_of_week(now)
        best = None
        for slot in slots:
            start, end = slot.utc_start, slot.utc_end
            if start <= minute < end or start <= minute + MINUTES_PER_WEEK < end:
                return self.env._("Reachable now")
            wait = (start - minute) % MINUTES_PER_WEEK
            if best is None or wait < best[0]:
                best = (wait, slot)
        slot = best[1]
        local_start = round(slot.hour_from * 60)
        days = dict(slot._fields["dayofweek"]._description_selection(self.env))
        return self.env._(
            "Next reachable: %(day)s %(hour)02d:%(minute)02d (their time)",
            day=days[slot.dayofweek],
            hour=local_start // 60,
            minute=local_start % 60,
        )

    # -- the hours grid ------------------------------------------------------

    def _b2b_reachability_intervals(self):
        """The slots by weekday, each with its minutes of the day."""
        self.ensure_one()
        days = [{} for __ in range(7)]
        for slot in self.b2b_reachability_ids:
            days[int(slot.dayofweek)][slot] = (
                round(slot.hour_from * 60),
                round(slot.hour_to * 60),
            )
        return days

    @api.depends(
        "b2b_reachability_ids.dayofweek",
        "b2b_reachability_ids.hour_from",
        "b2b_reachability_ids.hour_to",
    )
    def _compute_b2b_reachability_grid(self):
        for partner in self:
            partner.b2b_reachability_grid = "".join(
                _hour_cells(day.values())
                for day in partner._b2b_reachability_intervals()
            )

    def _b2b_reachability_grid_changes(self, grid):
        """What makes the slots show ``grid``, changing only the hours whose
        cell differs from what the slots show now: ``(slots to remove, values
        of the slots to create)``. A slot that no changed cell touches is
        kept as it is, minutes included."""
        self.ensure_one()
        grid = grid or CELL_OFF * HOURS_PER_WEEK
        if len(grid) != HOURS_PER_WEEK or set(grid) - {CELL_OFF, CELL_ON, CELL_PART}:
            raise ValidationError(self.env._("Invalid reachability hours."))
        removed = self.env["b2b.reachability"]
        added = []
        for day, intervals in enumerate(self._b2b_reachability_intervals()):
            old_cells = _hour_cells(intervals.values())
            new_cells = grid[day * 24 : day * 24 + 24]
            pieces = _apply_cells(intervals.values(), old_cells, new_cells)
            for slot, interval in intervals.items():
                if interval in pieces:
                    pieces.remove(interval)
                else:
                    removed |= slot
            added += [
                {"dayofweek": str(day), "hour_from": start / 60, "hour_to": end / 60}
                for start, end in sorted(pieces)
            ]
        return removed, added

    def _inverse_b2b_reachability_grid(self):
        # The form sends the grid with the slot list, which the ORM writes
        # first: the grid then differs from the slots only by the cells the
        # user toggled since the last onchange, if any.
        to_remove = self.env["b2b.reachability"]
        to_create = []
        for partner in self:
            removed, added = partner._b2b_reachability_grid_changes(
                partner.b2b_reachability_grid
            )
            to_remove |= removed
            to_create += [dict(vals, partner_id=partner.id) for vals in added]
        to_remove.unlink()
        self.env["b2b.reachability"].create(to_create)

    @api.onchange("b2b_reachability_grid")
    def _onchange_b2b_reachability_grid(self):
        """Show a grid edit in the slot list at once: editing the list next
        recomputes the grid from the list, which then keeps the edit."""
        Slot = self.env["b2b.reachability"]
        for partner in self:
            removed, added = partner._b2b_reachability_grid_changes(
                partner.b2b_reachability_grid
            )
            if removed or added:
                new_slots = Slot.browse()
                for vals in added:
                    new_slots |= Slot.new(dict(vals, partner_id=partner))
                partner.b2b_reachability_ids = (
                    partner.b2b_reachability_ids - removed
                ) | new_slots
