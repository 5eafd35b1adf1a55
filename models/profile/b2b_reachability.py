import bisect

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

#: int4multirange and range_agg, which "Reachable now" rests on
MIN_POSTGRESQL_VERSION_NUM = 140000

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


def tz_offset_period(tz_name, when):
    """UTC offset of a time zone at ``when`` (naive UTC), in minutes, and the
    period ``[valid_from, valid_until)`` (naive UTC, None when unbounded) in
    which the zone keeps that offset."""
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc
    offset = int(pytz.utc.localize(when).astimezone(tz).utcoffset().total_seconds())
    # pytz has no public API for the transitions; fixed zones have none
    transitions = getattr(tz, "_utc_transition_times", None) or []
    index = bisect.bisect_right(transitions, when)
    valid_from = transitions[index - 1] if index > 1 else None
    valid_until = transitions[index] if index < len(transitions) else None
    return offset // 60, valid_from, valid_until


class B2bReachability(models.Model):
    """A weekday x hours slot in which a partner can be reached, in the
    partner's own time zone.

    Each slot is also stored as a range of UTC minutes of the week
    (``utc_start`` <= m < ``utc_end``, Monday 00:00 UTC = 0; ``utc_end`` may
    pass the end of the week); a trigger folds a partner's slots into one
    multirange on the partner (``b2b_reachable_utc``), so that "reachable
    now" is one indexed test whatever the partners' time zones (see
    ``init``). The offset used is that of the moment the range was computed,
    valid from ``utc_valid_from`` until ``utc_valid_until`` (the zone's
    offset changes around it). Whoever reads the ranges first makes them
    those of the moment it asks about (``_refresh_utc_ranges``): the "Reachable
    now" filter and "Next reachable" alike, so that both always agree; an
    hourly cron does it ahead of them.
    """

    _name = "b2b.reachability"
    _description = "B2B Reachability Slot"
    _order = "partner_id, dayofweek, hour_from"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        index=True,
        ondelete="cascade",
    )
    dayofweek = fields.Selection(
        selection=WEEKDAYS, string="Day of Week", required=True, default="0"
    )
    hour_from = fields.Float(string="From", required=True, default=8.0)
    hour_to = fields.Float(string="To", required=True, default=18.0)
    tz = fields.Char(
        string="Time Zone",
        compute="_compute_utc_range",
        store=True,
        help="Time zone the hours are expressed in (the partner's).",
    )
    utc_offset = fields.Integer(compute="_compute_utc_range", store=True)
    utc_start = fields.Integer(compute="_compute_utc_range", store=True)
    utc_end = fields.Integer(compute="_compute_utc_range", store=True)
    utc_valid_from = fields.Datetime(
        string="UTC Offset Valid From",
        compute="_compute_utc_range",
        store=True,
        index=True,
    )
    utc_valid_until = fields.Datetime(
        string="UTC Offset Valid Until",
        compute="_compute_utc_range",
        store=True,
        index=True,
    )

    _hours_valid = models.Constraint(
        "CHECK (hour_from >= 0 AND hour_to <= 24 AND hour_from < hour_to)",
        "Reachability hours must lie between 0 and 24, the start before the end.",
    )

    def init(self):
        """Keep ``res_partner.b2b_reachable_utc`` (the UTC minutes of the week
        in which the partner is reachable, as one multirange) in step with
        the slots, whatever changes them: the ORM, the daylight-saving cron
        or an import in SQL. "Reachable now" is then one indexed containment
        test on the partner table, with no join, at any number of partners.
        """
        self._check_postgresql_version(self._postgresql_version_num())
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT 1 FROM information_schema.columns"
                " WHERE table_name = 'res_partner'"
                " AND column_name = 'b2b_reachable_utc'"
            )
        )
        created = not cr.fetchone()
        cr.execute(
            SQL(
                """
                ALTER TABLE res_partner
                    ADD COLUMN IF NOT EXISTS b2b_reachable_utc int4multirange;
                CREATE INDEX IF NOT EXISTS res_partner_b2b_reachable_utc_idx
                    ON res_partner USING gist (b2b_reachable_utc)
                 WHERE b2b_reachable_utc IS NOT NULL;
                CREATE OR REPLACE FUNCTION b2b_reachability_refresh(integer[])
                RETURNS void LANGUAGE sql AS $fn$
                    UPDATE res_partner p
                       SET b2b_reachable_utc = (
                           SELECT range_agg(r) FROM (
                               SELECT int4range(
                                          s.utc_start, LEAST(s.utc_end, %(week)s)
                                      ) AS r
                                 FROM b2b_reachability s
                                WHERE s.partner_id = p.id
                                  AND s.utc_start IS NOT NULL
                                  AND s.utc_end IS NOT NULL
                               UNION ALL
                               SELECT int4range(0, s.utc_end - %(week)s)
                                 FROM b2b_reachability s
                                WHERE s.partner_id = p.id AND s.utc_end > %(week)s
                           ) ranges)
                     WHERE p.id = ANY($1)
                $fn$;
                CREATE OR REPLACE FUNCTION b2b_reachability_changed()
                RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM b2b_reachability_refresh(
                            ARRAY(SELECT DISTINCT partner_id FROM new_slots));
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM b2b_reachability_refresh(
                            ARRAY(SELECT DISTINCT partner_id FROM old_slots));
                    ELSE
                        PERFORM b2b_reachability_refresh(
                            ARRAY(SELECT partner_id FROM old_slots
                                  UNION SELECT partner_id FROM new_slots));
                    END IF;
                    RETURN NULL;
                END
                $fn$;
                DROP TRIGGER IF EXISTS b2b_reachability_insert ON b2b_reachability;
                DROP TRIGGER IF EXISTS b2b_reachability_update ON b2b_reachability;
                DROP TRIGGER IF EXISTS b2b_reachability_delete ON b2b_reachability;
                CREATE TRIGGER b2b_reachability_insert AFTER INSERT ON b2b_reachability
                    REFERENCING NEW TABLE AS new_slots
                    FOR EACH STATEMENT EXECUTE FUNCTION b2b_reachability_changed();
                CREATE TRIGGER b2b_reachability_update AFTER UPDATE ON b2b_reachability
                    REFERENCING OLD TABLE AS old_slots NEW TABLE AS new_slots
                    FOR EACH STATEMENT EXECUTE FUNCTION b2b_reachability_changed();
                CREATE TRIGGER b2b_reachability_delete AFTER DELETE ON b2b_reachability
                    REFERENCING OLD TABLE AS old_slots
                    FOR EACH STATEMENT EXECUTE FUNCTION b2b_reachability_changed();
                """,
                week=MINUTES_PER_WEEK,
            )
        )
        if created:
            cr.execute(
                SQL(
                    "SELECT b2b_reachability_refresh("
                    "ARRAY(SELECT DISTINCT partner_id FROM b2b_reachability))"
                )
            )

    @api.depends(
        "dayofweek",
        "hour_from",
        "hour_to",
        "partner_id.tz",
        "partner_id.commercial_partner_id.tz",
    )
    def _compute_utc_range(self):
        now = fields.Datetime.now()
        periods = {}
        for slot in self:
            tz = slot.partner_id._b2b_reachability_tz()
            if tz not in periods:
                periods[tz] = tz_offset_period(tz, now)
            offset, valid_from, valid_until = periods[tz]
            slot.tz = tz
            slot.utc_offset = offset
            slot.utc_valid_from = valid_from
            slot.utc_valid_until = valid_until
            local_start = int(slot.dayofweek or 0) * MINUTES_PER_DAY + round(
                slot.hour_from * 60
            )
            length = round((slot.hour_to - slot.hour_from) * 60)
            slot.utc_start = (local_start - offset) % MINUTES_PER_WEEK
            slot.utc_end = slot.utc_start + max(length, 0)

    @api.constrains("partner_id", "dayofweek", "hour_from", "hour_to")
    def _check_overlap(self):
        for slot in self:
            overlapping = slot.partner_id.b2b_reachability_ids.filtered(
                lambda o, slot=slot: o != slot
                and o.dayofweek == slot.dayofweek
                and o.hour_from < slot.hour_to
                and slot.hour_from < o.hour_to
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "The reachability hours of %(name)s overlap on %(day)s.",
                        name=slot.partner_id.display_name,
                        day=dict(WEEKDAYS)[slot.dayofweek],
                    )
                )

    @api.model
    def _utc_minute_of_week(self, when=None):
        when = when or fields.Datetime.now()
        return when.weekday() * MINUTES_PER_DAY + when.hour * 60 + when.minute

    @api.model
    def _refresh_utc_ranges(self, now=None):
        """Make the stored UTC ranges those of ``now`` (naive UTC, default: the
        present): move the slots whose offset is not valid at ``now`` (a
        daylight-saving change since they were computed) to their zone's
        offset at ``now``; the trigger then moves the partners' multiranges.

        Callers do this before reading the ranges, so "Reachable now" and
        "Next reachable" never depend on whether the cron has run yet. When
        nothing changed (all but a few hours a year) it is one indexed query;
        otherwise one more, whatever the number of slots and zones.
        """
        now = now or fields.Datetime.now()
        self.flush_model()
        cr = self.env.cr

        def stale(alias):
            return SQL(
                "(%s <= %s OR %s > %s)",
                SQL.identifier(alias, "utc_valid_until"),
                now,
                SQL.identifier(alias, "utc_valid_from"),
                now,
            )

        cr.execute(
            SQL(
                "SELECT DISTINCT s.tz FROM b2b_reachability s"
                " WHERE %s AND s.tz IS NOT NULL",
                stale("s"),
            )
        )
        zones = [tz for (tz,) in cr.fetchall()]
        if not zones:
            return
        periods = SQL(", ").join(
            SQL(
                "(%s, %s, %s::timestamp, %s::timestamp)", tz, *tz_offset_period(tz, now)
            )
            for tz in zones
        )
        # the ranges move by the change of offset, whatever rounding made them
        start = SQL(
            "((s.utc_start + s.utc_offset - z.utc_offset) %% %(week)s + %(week)s)"
            " %% %(week)s",
            week=MINUTES_PER_WEEK,
        )
        cr.execute(
            SQL(
                """
                UPDATE b2b_reachability s
                   SET utc_start = %(start)s,
                       utc_end = %(start)s + (s.utc_end - s.utc_start),
                       utc_offset = z.utc_offset,
                       utc_valid_from = z.valid_from,
                       utc_valid_until = z.valid_until
                  FROM (VALUES %(periods)s)
                       AS z (tz, utc_offset, valid_from, valid_until)
                 WHERE s.tz = z.tz AND %(stale)s
                RETURNING s.id
                """,
                start=start,
                periods=periods,
                stale=stale("s"),
            )
        )
        self.browse([id_ for (id_,) in cr.fetchall()]).invalidate_recordset(
            ["utc_offset", "utc_start", "utc_end", "utc_valid_from", "utc_valid_until"]
        )

    @api.model
    def _cron_refresh_utc_ranges(self):
        """Follow daylight-saving changes ahead of the first reader, which
        would otherwise move the ranges while answering."""
        self._refresh_utc_ranges()

    @api.model
    def _postgresql_version_num(self):
        self.env.cr.execute(SQL("SHOW server_version_num"))
        return int(self.env.cr.fetchone()[0])

    @api.model
    def _check_postgresql_version(self, version_num):
        """Refuse a server older than PostgreSQL 14 (``version_num`` as in
        ``server_version_num``, 130011 for 13.11) with a message, rather than
        failing halfway through the installation on an unknown type."""
        if version_num < MIN_POSTGRESQL_VERSION_NUM:
            raise UserError(
                self.env._(
                    "B2B Customer Management needs PostgreSQL 14 or later; this"
                    " database server runs PostgreSQL %(version)s. The reachability"
                    " hours are searched with a multirange (int4multirange), which"
                    " PostgreSQL 14 introduced. Upgrade PostgreSQL, then install"
                    " the module again.",
                    version=f"{version_num // 10000}.{version_num % 10000}",
                )
            )
