"""Reporting > Requests: the share decided within target counts only the
requests that had a deadline (issue 28, item 15)."""

from datetime import datetime

from odoo.tests import tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestRequestReport(B2BCommon):
    def request(self, name, decided, deadline=None):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_b2b": True,
                "b2b_state": "approved",
                "b2b_request_date": datetime(2026, 3, 2, 9),
                "b2b_decision_date": decided,
                "b2b_deadline": deadline,
            }
        )

    def within_target(self, partners):
        self.env.flush_all()
        [[share]] = self.env["b2b.request.report"]._read_group(
            [("partner_id", "in", partners.ids)], aggregates=["within_sla:avg"]
        )
        return share

    def test_decisions_without_deadline_not_counted(self):
        in_time = self.request(
            "In time", datetime(2026, 3, 2, 15), deadline=datetime(2026, 3, 3, 9)
        )
        late = self.request(
            "Late", datetime(2026, 3, 4, 9), deadline=datetime(2026, 3, 3, 9)
        )
        no_deadline = self.request("Imported", datetime(2026, 3, 2, 10))
        self.assertEqual(self.within_target(in_time | late | no_deadline), 50.0)
        self.assertEqual(self.within_target(in_time | no_deadline), 100.0)
        # without any deadline, no share at all (not 0 %)
        self.assertFalse(self.within_target(no_deadline))
