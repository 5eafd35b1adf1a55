from odoo import Command
from odoo.tests import freeze_time, tagged

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
            self.assertFalse(self.reachable(partner))
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
