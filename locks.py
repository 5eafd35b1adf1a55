"""Row locks before a decision that reads a shared value (a limit, a state)
and then commits against it."""

from odoo.tools import SQL


def lock_rows(records, *more):
    """Lock the rows of ``records`` and of ``more`` (recordsets of the same
    model, or SQL subqueries in parentheses selecting ids of its table, read
    in the same statement) for the rest of the transaction: in one statement
    and in the order of their ids (two transactions locking rows they share
    never deadlock), as a write that changes nothing.

    A concurrent transaction that locks one of these rows waits for this
    one; once this one commits, PostgreSQL refuses the other with a
    serialization failure (it read an older snapshot), which Odoo retries:
    the retry reads what this one committed. A lock without the write would
    let the other go on with its old snapshot (REPEATABLE READ)."""
    queries = [source for source in more if isinstance(source, SQL)]
    records = records.union(*(s for s in more if not isinstance(s, SQL)))
    ids = sorted(id_ for id_ in records._ids if isinstance(id_, int))
    sources = [SQL("(SELECT unnest(%s::int[]))", ids)] if ids else []
    sources += queries
    if not sources:
        return
    table = SQL.identifier(records._table)
    records.env.execute_query(
        SQL(
            "UPDATE %(table)s SET write_date = write_date WHERE id IN ("
            "SELECT id FROM %(table)s WHERE id IN ("
            "SELECT id FROM (%(sources)s) AS locked(id)) ORDER BY id"
            " FOR NO KEY UPDATE)",
            table=table,
            sources=SQL(" UNION ").join(sources),
        )
    )
