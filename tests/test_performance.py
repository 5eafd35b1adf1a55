import re

from odoo.tests import tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BListQueries(B2BCommon):
    """The approval queue costs what Odoo's own Contacts list costs (the
    benchmark's approval_queue_queries target, guarded here)."""

    def _list_spec(self, view_xmlid):
        Partner = self.env["res.partner"]
        view = self.env.ref(view_xmlid)
        arch = Partner.get_views([(view.id, "list")])["views"]["list"]["arch"]
        names = set(re.findall(r'<field name="([a-z0-9_]+)"', arch))
        return {name: {} for name in names if name in Partner._fields}

    def _queries(self, domain, spec):
        Partner = self.env["res.partner"].with_user(self.manager)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        records = Partner.web_search_read(domain, spec, limit=80)
        return self.cr.sql_log_count - before, records["length"]

    def test_approval_queue_costs_no_more_than_the_contacts_list(self):
        Partner = self.env["res.partner"]
        Partner.create(
            [
                {"name": f"Queue {i}", "is_company": True, "is_b2b": True}
                for i in range(40)
            ]
        )
        Partner.create([{"name": f"Plain {i}", "is_company": True} for i in range(40)])
        self.env.flush_all()
        native_spec = self._list_spec("base.view_partner_tree")
        queue_spec = self._list_spec("b2b_customer.b2b_account_view_list")
        self._queries([], native_spec)  # warm the registry caches
        native, native_rows = self._queries([], native_spec)
        queue_domain = [("is_b2b", "=", True), ("b2b_state", "=", "pending")]
        self._queries(queue_domain, queue_spec)
        queue, queue_rows = self._queries(queue_domain, queue_spec)
        self.assertGreaterEqual(queue_rows, 40)
        self.assertGreaterEqual(native_rows, 80)
        self.assertLessEqual(queue, native + 1, f"queue {queue} vs Contacts {native}")
