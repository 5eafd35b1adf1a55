"""Two requests at the same moment, for the concurrency tests: real
transactions on two cursors of the test database (committed, so each test
cleans up after itself)."""

import threading

from odoo import SUPERUSER_ID, api


def race(test, registry, first, second, refusals, waits=True):
    """Run ``first(env)`` in one transaction and, while it holds its locks,
    ``second(env)`` in another (in a thread); then commit the first. Returns
    the second's outcome: ``"committed"``, or the class name of the refusal
    (one of ``refusals``) it ended with, rolled back. With ``waits``, asserts
    that the second waited for the first."""
    cr1, cr2 = registry.cursor(), registry.cursor()
    outcome = {}
    try:
        env1 = api.Environment(cr1, SUPERUSER_ID, {})
        env2 = api.Environment(cr2, SUPERUSER_ID, {})
        cr2.execute("SELECT 1")  # the second transaction has started
        first(env1)
        env1.flush_all()

        def run_second():
            try:
                second(env2)
                env2.flush_all()
                cr2.commit()
                outcome["result"] = "committed"
            except refusals as error:
                cr2.rollback()
                outcome["result"] = type(error).__name__
                outcome["message"] = str(error)

        thread = threading.Thread(target=run_second)
        thread.start()
        thread.join(1)
        if waits:
            test.assertTrue(thread.is_alive(), "the second request waits for the lock")
        cr1.commit()
        thread.join(30)
        test.assertFalse(thread.is_alive())
    finally:
        cr1.close()
        cr2.close()
    return outcome.get("result")
