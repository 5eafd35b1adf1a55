"""Scheduled actions that work in committed batches."""

from odoo.fields import Domain


def run_in_committed_batches(records, domain, process, batch_size):
    """Run ``process(batch)`` on the records of ``domain`` (searched on
    ``records``' model and environment, oldest first), one batch of
    ``batch_size`` at a time, each committed with Odoo's cron progress
    (``ir.cron._commit_progress``): what is done stays done when a later
    batch fails, and a run cut short by the cron's time limit leaves the
    rest to the next run. A record is handed to ``process`` once per run.
    Returns ``(done, returned)``: the records handled, and the union of
    what ``process`` returned (records, e.g. those that failed)."""
    Cron = records.env["ir.cron"]
    domain = Domain(domain)
    Cron._commit_progress(remaining=records.search_count(domain))
    done = returned = records.browse()
    while True:
        batch = records.search(
            domain & Domain("id", "not in", done.ids), order="id", limit=batch_size
        )
        if not batch:
            break
        returned |= process(batch) or records.browse()
        done |= batch
        if not Cron._commit_progress(len(batch)):
            break
    return done, returned
