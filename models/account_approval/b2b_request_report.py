from odoo import fields, models, tools
from odoo.tools import SQL

from ..res_partner import B2B_STATES


class B2bRequestReport(models.Model):
    """One line per B2B account request: how long the decision took and
    whether it met the review target. Read with pivot and graph views."""

    _name = "b2b.request.report"
    _description = "B2B Request Analysis"
    _auto = False
    _order = "request_date desc"
    _rec_name = "partner_id"
    _depends = {
        "res.partner": [
            "company_id",
            "is_b2b",
            "b2b_state",
            "b2b_request_date",
            "b2b_decision_date",
            "b2b_deadline",
            "b2b_decided_by_id",
        ],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    request_date = fields.Datetime(string="Requested On", readonly=True)
    decision_date = fields.Datetime(string="Decided On", readonly=True)
    state = fields.Selection(
        selection=B2B_STATES,
        string="Status",
        readonly=True,
    )
    decision = fields.Selection(
        selection=[
            ("undecided", "Undecided"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        readonly=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    hours_to_decision = fields.Float(
        string="Hours to Decision (avg)", readonly=True, aggregator="avg"
    )
    hours_to_decision_p90 = fields.Float(
        string="Hours to Decision (90th percentile)",
        readonly=True,
        aggregator="p90",
    )
    within_sla = fields.Float(
        string="Decided within Target (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the decided requests that were decided before their "
        "deadline (requests without a deadline are not counted).",
    )

    def _read_group_select(self, aggregate_spec, query):
        """Support the ``p90`` aggregate (90th percentile), which Odoo's
        read_group has no operator for."""
        fname, __, func = aggregate_spec.partition(":")
        if func == "p90":
            return SQL(
                "percentile_cont(0.9) WITHIN GROUP (ORDER BY %s)",
                self._field_to_sql(self._table, fname, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT p.id AS id,
                       p.id AS partner_id,
                       p.company_id AS company_id,
                       p.b2b_request_date AS request_date,
                       p.b2b_decision_date AS decision_date,
                       p.b2b_state AS state,
                       p.b2b_decided_by_id AS decided_by_id,
                       CASE
                           WHEN p.b2b_decision_date IS NULL THEN 'undecided'
                           WHEN p.b2b_state = 'rejected' THEN 'rejected'
                           ELSE 'approved'
                       END AS decision,
                       EXTRACT(EPOCH FROM p.b2b_decision_date - p.b2b_request_date)
                           / 3600.0 AS hours_to_decision,
                       EXTRACT(EPOCH FROM p.b2b_decision_date - p.b2b_request_date)
                           / 3600.0 AS hours_to_decision_p90,
                       CASE
                           WHEN p.b2b_decision_date IS NULL
                             OR p.b2b_deadline IS NULL THEN NULL
                           WHEN p.b2b_decision_date <= p.b2b_deadline THEN 100.0
                           ELSE 0.0
                       END AS within_sla
                  FROM res_partner p
                 WHERE p.is_b2b IS TRUE
                   AND p.b2b_request_date IS NOT NULL
            )
                """,
                table=SQL.identifier(self._table),
            )
        )
