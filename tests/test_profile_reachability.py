from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BReachability(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]

    def person(self, name, tz, slots):
        return self.Partner.create(
            {
                "name": name,
                "tz": tz,
                "b2b_reachability_ids": [
                    Command.create(
                        {"dayofweek": day, "hour_from": start, "hour_to": end}
                    )
                    for day, start, end in slots
                ],
            }
        )

    def reachable(self, partners):
        return self.Partner.search(
            [("id", "in", partners.ids), ("b2b_reachable_now", "=", True)]
        )

    @freeze_time("2026-01-05 07:30:00")  # Monday, winter time
    def test_time_zones(self):
        brussels = self.person("Brussels", "Europe/Brussels", [("0", 8, 10)])
        new_york = self.person("New York", "America/New_York", [("0", 8, 10)])
        self.assertEqual(brussels.b2b_reachability_ids.utc_start, 7 * 60)
        self.assertEqual(new_york.b2b_reachability_ids.utc_start, 13 * 60)
        everyone = brussels | new_york
        self.assertEqual(self.reachable(everyone), brussels)
        self.assertTrue(brussels.b2b_reachable_now)
        self.assertFalse(new_york.b2b_reachable_now)
        self.assertEqual(
            self.Partner.search(
                [("id", "in", everyone.ids), ("b2b_reachable_now", "=", False)]
            ),
            new_york,
        )
        # moving the partner to another time zone moves its slots
        new_york.tz = "Europe/Paris"
        self.assertEqual(self.reachable(everyone), everyone)

    def test_week_boundaries(self):
        # Sunday 23:00 -> Monday 01:00 local in Brussels (UTC+1 in January):
        # Sunday 22:00 -> Monday 00:00 UTC
        late = self.person("Late", "Europe/Brussels", [("6", 23, 24), ("0", 0, 1)])
        # Monday 00:00-01:00 in Tokyo (UTC+9) is Sunday 15:00-16:00 UTC
        tokyo = self.person("Tokyo", "Asia/Tokyo", [("0", 0, 1)])
        # Monday 10:00-14:00 in Auckland (UTC+13 in January) spans the UTC
        # week end: Sunday 21:00 -> Monday 01:00 UTC
        auckland = self.person("Auckland", "Pacific/Auckland", [("0", 10, 14)])
        everyone = late | tokyo | auckland
        cases = [
            ("2026-01-11 15:30:00", tokyo),  # Sunday
            ("2026-01-11 21:30:00", auckland),  # Sunday 22:30 Brussels
            ("2026-01-11 22:30:00", late | auckland),  # Sunday 23:30 Brussels
            ("2026-01-11 23:30:00", late | auckland),  # Monday 00:30 Brussels
            ("2026-01-12 00:30:00", auckland),  # Monday 01:30 Brussels
            ("2026-01-12 01:00:00", self.Partner),
            ("2026-01-05 00:30:00", auckland),  # the week before as well
        ]
        for now, expected in cases:
            with self.subTest(now=now), freeze_time(now):
                self.assertEqual(self.reachable(everyone), expected)

    def test_dst_cron(self):
        with freeze_time("2026-03-20 12:00:00"):
            partner = self.person("Brussels", "Europe/Brussels", [("0", 8, 10)])
            slot = partner.b2b_reachability_ids
            self.assertRecordValues(
                slot, [{"utc_offset": 60, "utc_start": 420, "utc_end": 540}]
            )
        with freeze_time("2026-04-06 06:30:00"):  # Monday 08:30 summer time
            # the filter follows the change before the cron has run
            self.assertEqual(self.reachable(partner), partner)
            self.env["b2b.reachability"]._cron_refresh_utc_ranges()
            self.assertRecordValues(
                slot, [{"utc_offset": 120, "utc_start": 360, "utc_end": 480}]
            )
            self.assertEqual(self.reachable(partner), partner)
        with freeze_time("2026-10-26 07:30:00"):  # back to winter time
            self.env["b2b.reachability"]._cron_refresh_utc_ranges()
            self.assertRecordValues(
                slot, [{"utc_offset": 60, "utc_start": 420, "utc_end": 540}]
            )
            self.assertEqual(self.reachable(partner), partner)

    @freeze_time("2026-01-05 07:30:00")
    def test_filter_is_sql(self):
        def count_queries(partners):
            self.env.invalidate_all()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self.Partner.search([("b2b_reachable_now", "=", True)])
            return self.env.cr.sql_log_count - before

        self.person("First", "Europe/Brussels", [("0", 8, 10)])
        count_queries(None)  # the first search loads what is cached after
        few = count_queries(None)
        for index in range(30):
            self.person(f"P{index}", "Europe/Brussels", [("0", 8, 10), ("1", 8, 10)])
        self.assertEqual(count_queries(None), few)
        self.assertLessEqual(few, 2)
        # one containment test on the partner table, no join with the slots
        query = self.Partner._search([("b2b_reachable_now", "=", True)])
        sql = query.select().code
        self.assertIn("b2b_reachable_utc", sql)
        self.assertNotIn("b2b_reachability", sql)

    @freeze_time("2026-01-05 08:30:00")  # Monday 09:30 in Brussels
    def test_every_change_of_the_slots_reaches_the_filter(self):
        partner = self.person("Brussels", "Europe/Brussels", [("0", 8, 10)])
        other = self.person("Other", "Europe/Brussels", [("1", 8, 10)])
        self.assertEqual(self.reachable(partner | other), partner)
        # hours edited
        partner.b2b_reachability_ids.hour_to = 9
        self.assertFalse(self.reachable(partner))
        # a slot added
        other.write(
            {
                "b2b_reachability_ids": [
                    Command.create({"dayofweek": "0", "hour_from": 9, "hour_to": 12})
                ]
            }
        )
        self.assertEqual(self.reachable(partner | other), other)
        self.assertEqual(
            (partner | other).filtered_domain([("b2b_reachable_now", "=", True)]),
            other,
        )
        self.assertEqual(
            (partner | other).filtered_domain([("b2b_reachable_now", "=", False)]),
            partner,
        )
        # slots removed
        other.b2b_reachability_ids.filtered(lambda s: s.dayofweek == "0").unlink()
        self.assertFalse(self.reachable(partner | other))
        # slots written in SQL (an import) count as well
        self.env.cr.execute(
            "UPDATE b2b_reachability SET utc_start = 0, utc_end = 10080"
            " WHERE partner_id = %s",
            [other.id],
        )
        self.assertEqual(self.reachable(partner | other), other)

    # -- the hours grid and the slot list ------------------------------------

    def grid(self, *cells, base=None):
        """The grid string of ``base`` (default: all off) with ``cells``
        ``(day, hour, value)`` set."""
        grid = list(base or "0" * 168)
        for day, hour, value in cells:
            grid[day * 24 + hour] = value
        return "".join(grid)

    def slots(self, partner):
        return [
            (slot.dayofweek, slot.hour_from, slot.hour_to)
            for slot in partner.b2b_reachability_ids
        ]

    def test_grid_keeps_the_minutes(self):
        partner = self.person("Minutes", "Europe/Brussels", [("0", 8.5, 12.25)])
        slot = partner.b2b_reachability_ids
        # a partly covered hour is its own state
        shown = self.grid((0, 8, "2"), (0, 9, "1"), (0, 10, "1"), (0, 11, "1"))
        shown = self.grid((0, 12, "2"), base=shown)
        self.assertEqual(partner.b2b_reachability_grid, shown)
        # writing back what was read changes nothing
        partner.b2b_reachability_grid = shown
        self.assertEqual(partner.b2b_reachability_ids, slot)
        self.assertEqual(self.slots(partner), [("0", 8.5, 12.25)])
        # an hour set elsewhere leaves the slot alone
        partner.b2b_reachability_grid = self.grid((0, 15, "1"), base=shown)
        self.assertEqual(self.slots(partner), [("0", 8.5, 12.25), ("0", 15.0, 16.0)])
        self.assertIn(slot, partner.b2b_reachability_ids)
        # toggled cells change their hour only
        partner.invalidate_recordset(["b2b_reachability_grid"])
        grid = partner.b2b_reachability_grid
        partner.b2b_reachability_grid = self.grid((0, 12, "0"), base=grid)
        self.assertEqual(self.slots(partner), [("0", 8.5, 12.0), ("0", 15.0, 16.0)])
        partner.b2b_reachability_grid = self.grid(
            (0, 8, "1"), (0, 10, "0"), (0, 16, "1"), base=partner.b2b_reachability_grid
        )
        self.assertEqual(
            self.slots(partner),
            [("0", 8.0, 10.0), ("0", 11.0, 12.0), ("0", 15.0, 17.0)],
        )
        partner.invalidate_recordset(["b2b_reachability_grid"])
        self.assertEqual(
            partner.b2b_reachability_grid,
            self.grid(*[(0, h, "1") for h in (8, 9, 11, 15, 16)]),
        )
        # an empty grid removes every slot
        partner.b2b_reachability_grid = False
        self.assertFalse(partner.b2b_reachability_ids)
        with self.assertRaises(ValidationError):
            partner.b2b_reachability_grid = "3" * 168

    def form(self, partner):
        return Form(partner.with_user(self.b2b_back_user))

    def test_grid_and_list_in_one_form(self):
        partner = self.person("Form", "Europe/Brussels", [("0", 8.5, 12.25)])
        slot = partner.b2b_reachability_ids
        # only the list edited: the grid follows it, saving keeps the minutes
        with self.form(partner) as form:
            with form.b2b_reachability_ids.edit(0) as line:
                line.hour_to = 12.75
            self.assertEqual(form.b2b_reachability_grid[12], "2")
        self.assertEqual(self.slots(partner), [("0", 8.5, 12.75)])
        self.assertEqual(partner.b2b_reachability_ids, slot)
        # only the grid edited: the list follows it, the slot keeps its minutes
        with self.form(partner) as form:
            form.b2b_reachability_grid = self.grid(
                (1, 10, "1"), base=form.b2b_reachability_grid
            )
            self.assertEqual(len(form.b2b_reachability_ids), 2)
        self.assertEqual(self.slots(partner), [("0", 8.5, 12.75), ("1", 10.0, 11.0)])
        self.assertIn(slot, partner.b2b_reachability_ids)
        # the grid, then the list: neither edit is lost
        with self.form(partner) as form:
            form.b2b_reachability_grid = self.grid(
                (2, 14, "1"), base=form.b2b_reachability_grid
            )
            with form.b2b_reachability_ids.edit(0) as line:
                line.hour_from = 9.25
            self.assertEqual(form.b2b_reachability_grid[2 * 24 + 14], "1")
            self.assertEqual(form.b2b_reachability_grid[9], "2")
        self.assertEqual(
            self.slots(partner),
            [("0", 9.25, 12.75), ("1", 10.0, 11.0), ("2", 14.0, 15.0)],
        )
        # the list, then the grid
        with self.form(partner) as form:
            with form.b2b_reachability_ids.new() as line:
                line.dayofweek = "4"
                line.hour_from = 13.0
                line.hour_to = 15.5
            self.assertEqual(form.b2b_reachability_grid[4 * 24 + 15], "2")
            form.b2b_reachability_grid = self.grid(
                (2, 14, "0"), base=form.b2b_reachability_grid
            )
        self.assertEqual(
            self.slots(partner),
            [("0", 9.25, 12.75), ("1", 10.0, 11.0), ("4", 13.0, 15.5)],
        )

    # -- one source of truth across daylight-saving changes -------------------

    def dst_partners(self):
        """Sunday slots in Berlin and London; which one is reachable tells
        which offset was used."""
        return {
            f"{city} {start:02d}-{start + 1:02d}": self.person(
                f"{city} {start:02d}-{start + 1:02d}", tz, [("6", start, start + 1)]
            )
            for city, tz in (("Berlin", "Europe/Berlin"), ("London", "Europe/London"))
            for start in (0, 1, 2, 3)
        }

    def assert_agree(self, partners, expected):
        everyone = self.Partner.browse([p.id for p in partners.values()])
        everyone.invalidate_recordset(["b2b_reachable_now", "b2b_next_reachable"])
        want = self.Partner.browse([partners[name].id for name in expected])
        self.assertEqual(self.reachable(everyone), want, "search")
        self.assertEqual(
            self.Partner.search(
                [("id", "in", everyone.ids), ("b2b_reachable_now", "=", False)]
            ),
            everyone - want,
            "search, not reachable",
        )
        self.assertEqual(everyone.filtered("b2b_reachable_now"), want, "computed")
        self.assertEqual(
            everyone.filtered(lambda p: p.b2b_next_reachable == "Reachable now"),
            want,
            "next reachable",
        )

    def test_dst_reachable_now_and_next_reachable_agree(self):
        Slot = self.env["b2b.reachability"]
        changes = [
            # slots made a week before, just before, just after the change
            (
                "2026-03-22 12:00:00",
                "2026-03-29 00:59:00",  # Berlin 01:59 CET, London 00:59 GMT
                ["Berlin 01-02", "London 00-01"],
                "2026-03-29 01:01:00",  # Berlin 03:01 CEST, London 02:01 BST
                ["Berlin 03-04", "London 02-03"],
            ),
            (
                "2026-10-18 12:00:00",
                "2026-10-25 00:59:00",  # Berlin 02:59 CEST, London 01:59 BST
                ["Berlin 02-03", "London 01-02"],
                "2026-10-25 01:01:00",  # Berlin 02:01 CET, London 01:01 GMT
                ["Berlin 02-03", "London 01-02"],
            ),
        ]
        for made, before, at_before, after, at_after in changes:
            for cron in (False, True):
                with self.subTest(after=after, cron=cron):
                    with freeze_time(made):
                        partners = self.dst_partners()
                    for now, expected in ((before, at_before), (after, at_after)):
                        with freeze_time(now):
                            if cron:
                                Slot._cron_refresh_utc_ranges()
                            self.assert_agree(partners, expected)
        # the next slot is told in the partner's own time
        with freeze_time("2026-03-29 01:01:00"):
            partners["Berlin 01-02"].invalidate_recordset(["b2b_next_reachable"])
            self.assertEqual(
                partners["Berlin 01-02"].b2b_next_reachable,
                "Next reachable: Sunday 01:00 (their time)",
            )
            self.assertEqual(
                partners["London 00-01"]._b2b_get_next_reachable(fields.Datetime.now()),
                "Next reachable: Sunday 00:00 (their time)",
            )

    def test_dst_refresh_does_not_grow_with_partners(self):
        def count_queries():
            self.env.invalidate_all()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self.Partner.search([("b2b_reachable_now", "=", True)])
            return self.env.cr.sql_log_count - before

        with freeze_time("2026-03-22 12:00:00"):
            self.person("First", "Europe/Berlin", [("6", 3, 4)])
        with freeze_time("2026-03-29 01:01:00"):
            count_queries()  # the first search loads what is cached after
            one = count_queries()
            steady = count_queries()
        with freeze_time("2026-03-22 12:00:00"):
            for index in range(30):
                self.person(f"P{index}", "Europe/Berlin", [("6", 3, 4), ("0", 8, 9)])
        with freeze_time("2026-03-29 01:01:00"):
            self.assertEqual(count_queries(), one)
            self.assertEqual(count_queries(), steady)
        self.assertLessEqual(steady, 2)

    # -- requirements ----------------------------------------------------------

    def test_postgresql_14_required(self):
        Slot = self.env["b2b.reachability"]
        for version in (140000, 150004, 170002):
            Slot._check_postgresql_version(version)
        with self.assertRaisesRegex(UserError, "PostgreSQL 14") as caught:
            Slot._check_postgresql_version(130011)
        self.assertIn("13.11", str(caught.exception))
        # installing (init) checks the server it runs on, before any DDL
        with (
            patch.object(type(Slot), "_postgresql_version_num", return_value=130011),
            self.assertRaisesRegex(UserError, "PostgreSQL 14"),
        ):
            Slot.init()
        Slot._check_postgresql_version(Slot._postgresql_version_num())
