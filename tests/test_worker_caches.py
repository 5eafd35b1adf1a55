from unittest.mock import patch

from odoo.modules.registry import Registry
from odoo.tests import tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BWorkerCaches(B2BCommon):
    """What the back office does all day does not clear the caches of every
    worker (Odoo signals a cache clear to all workers of all machines): the
    load test (``make load``) suspends, reactivates, approves and changes
    roles every second."""

    def _cleared(self, action):
        with patch.object(Registry, "clear_cache", autospec=True) as clear_cache:
            action()
            self.env.flush_all()
        return clear_cache.call_count

    def test_suspension_and_reactivation_keep_the_caches(self):
        company = self.company_a.with_user(self.manager)
        self.assertTrue(company._b2b_portal_users())
        self.assertEqual(self._cleared(company.action_b2b_suspend), 0)
        self.assertTrue(self.portal_user_a.b2b_suspended)
        self.assertEqual(self._cleared(company.action_b2b_reactivate), 0)
        self.assertFalse(self.portal_user_a.b2b_suspended)

    def test_suspended_user_has_no_valid_session_token(self):
        user = self.portal_user_a
        self.assertTrue(user._compute_session_token("a-session-id"))
        self.company_a.with_user(self.manager).action_b2b_suspend()
        self.assertFalse(user._compute_session_token("a-session-id"))
        self.company_a.with_user(self.manager).action_b2b_reactivate()
        self.assertTrue(user._compute_session_token("a-session-id"))

    def test_role_change_and_approval_keep_the_caches(self):
        self.assertEqual(
            self._cleared(lambda: self.user_a.write({"b2b_role": "approver"})), 0
        )
        request = self.new_request("Cache Co")
        self.assertEqual(
            self._cleared(request.with_user(self.manager).action_b2b_approve), 0
        )
