from odoo import fields, models, tools
from odoo.tools import SQL

from .sale_order import B2B_QUOTE_STATES

#: the percentile aggregates the report adds to Odoo's read_group
PERCENTILES = {"p50": 0.5, "p90": 0.9}


class B2bQuoteReport(models.Model):
    """One line per quote a buyer requested: how long the first offer took
    and whether it met the response target. Read with pivot and graph
    views (by month: median and 90th percentile of the hours to the first
    offer, share answered within the target)."""

    _name = "b2b.quote.report"
    _description = "B2B Quote Request Analysis"
    _auto = False
    _order = "request_date desc"
    _rec_name = "order_id"
    _depends = {
        "sale.order": [
            "company_id",
            "partner_id",
            "user_id",
            "b2b_quote_state",
            "b2b_quote_request_date",
            "b2b_quote_first_offer_date",
            "b2b_quote_first_deadline",
        ],
    }

    order_id = fields.Many2one("sale.order", string="Quote", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    request_date = fields.Datetime(string="Requested On", readonly=True)
    first_offer_date = fields.Datetime(string="First Offer On", readonly=True)
    state = fields.Selection(
        selection=B2B_QUOTE_STATES, string="Negotiation", readonly=True
    )
    hours_to_offer = fields.Float(
        string="Hours to First Offer (median)", readonly=True, aggregator="p50"
    )
    hours_to_offer_p90 = fields.Float(
        string="Hours to First Offer (90th percentile)",
        readonly=True,
        aggregator="p90",
    )
    within_target = fields.Float(
        string="Answered within Target (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the answered requests whose first offer was sent before "
        "the response target.",
    )

    def _read_group_select(self, aggregate_spec, query):
        """Support the ``p50`` (median) and ``p90`` aggregates, which Odoo's
        read_group has no operator for."""
        fname, __, func = aggregate_spec.partition(":")
        if func in PERCENTILES:
            return SQL(
                "percentile_cont(%s) WITHIN GROUP (ORDER BY %s)",
                PERCENTILES[func],
                self._field_to_sql(self._table, fname, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT o.id AS id,
                       o.id AS order_id,
                       o.partner_id AS partner_id,
                       o.company_id AS company_id,
                       o.user_id AS user_id,
                       o.b2b_quote_request_date AS request_date,
                       o.b2b_quote_first_offer_date AS first_offer_date,
                       o.b2b_quote_state AS state,
                       EXTRACT(EPOCH FROM o.b2b_quote_first_offer_date
                                          - o.b2b_quote_request_date)
                           / 3600.0 AS hours_to_offer,
                       EXTRACT(EPOCH FROM o.b2b_quote_first_offer_date
                                          - o.b2b_quote_request_date)
                           / 3600.0 AS hours_to_offer_p90,
                       CASE
                           WHEN o.b2b_quote_first_offer_date IS NULL
                             OR o.b2b_quote_first_deadline IS NULL THEN NULL
                           WHEN o.b2b_quote_first_offer_date
                                <= o.b2b_quote_first_deadline THEN 100.0
                           ELSE 0.0
                       END AS within_target
                  FROM sale_order o
                 WHERE o.b2b_quote_request_date IS NOT NULL
            )
                """,
                table=SQL.identifier(self._table),
            )
        )
