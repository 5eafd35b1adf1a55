from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


def tz_offset_minutes(tz_name, when=None):
    """UTC offset of a time zone at a moment (default: now), in minutes."""
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc
    when = when or datetime.utcnow()
    return int(pytz.utc.localize(when).astimezone(tz).utcoffset().total_seconds() // 60)


class B2bReachability(models.Model):
    """A weekday x hours slot in which a partner can be reached, in the
    partner's own time zone.

    Each slot is also stored as a range of UTC minutes of the week
    (``utc_start`` <= m < ``utc_end``, Monday 00:00 UTC = 0; ``utc_end`` may
    pass the end of the week); a trigger folds a partner's slots into one
    multirange on the partner (``b2b_reachable_utc``), so that "reachable
    now" is one indexed test whatever the partners' time zones (see
    ``init``). The offset used is that of
    today; a daily cron moves the ranges when daylight-saving time starts or
    ends.
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
        offsets = {}
        for slot in self:
            tz = slot.partner_id._b2b_reachability_tz()
            if tz not in offsets:
                offsets[tz] = tz_offset_minutes(tz)
            slot.tz = tz
            slot.utc_offset = offsets[tz]
            local_start = int(slot.dayofweek or 0) * MINUTES_PER_DAY + round(
                slot.hour_from * 60
            )
            length = round((slot.hour_to - slot.hour_from) * 60)
            slot.utc_start = (local_start - slot.utc_offset) % MINUTES_PER_WEEK
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
    def _cron_refresh_utc_ranges(self):
        """Move the UTC ranges of the time zones whose offset changed since
        they were computed (daylight-saving time), in one query per zone."""
        self.env.cr.execute(SQL("SELECT DISTINCT tz, utc_offset FROM b2b_reachability"))
        for tz, old_offset in self.env.cr.fetchall():
            new_offset = tz_offset_minutes(tz)
            if new_offset == old_offset:
                continue
            delta = old_offset - new_offset
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE b2b_reachability
                       SET utc_offset = %(new)s,
                           utc_end = utc_end - utc_start
                               + ((utc_start + %(delta)s) %% %(week)s
                                  + %(week)s) %% %(week)s,
                           utc_start = ((utc_start + %(delta)s) %% %(week)s
                                        + %(week)s) %% %(week)s
                     WHERE tz = %(tz)s AND utc_offset = %(old)s
                    """,
                    new=new_offset,
                    delta=delta,
                    week=MINUTES_PER_WEEK,
                    tz=tz,
                    old=old_offset,
                )
            )
        self.invalidate_model(["utc_offset", "utc_start", "utc_end"])
