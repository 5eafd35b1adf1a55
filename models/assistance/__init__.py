"""Acting on behalf: a salesperson (or B2B staff, as the customer's
administrator allows with ``res.partner.b2b_assistance_policy``) opens a
portal session as a contact person of a B2B company, started from a
single-use token, limited in time and logged (``b2b.assistance.session``,
``b2b.assistance.log``). The staff's own session is kept in Odoo's session
store and given back when the acting session ends (``http_session.py``).

Plugs into: the order gate (``_b2b_assistance_blockers``: no online
payment while acting), ``payment.transaction._b2b_check_orders_payable``
(no transaction at all while acting), the partner hooks
(``_b2b_check_vals``, ``_b2b_before_write``, ``_b2b_after_create``,
``_b2b_after_write``), the company capability's invitations, removals and
access changes, the buyer approvals' decisions, ``ir.http`` (the time
limit, logging out, and the routes refused while acting) and ``ir.qweb``
(the banner's sentence on every frontend page while acting)."""

from . import b2b_assistance_session
from . import b2b_assistance_log
from . import http_session
from . import res_company
from . import res_partner
from . import res_users
from . import sale_order
from . import payment
from . import ir_http
from . import ir_qweb
