"""Paying invoices and statements of account: a company's contacts who may
pay (administrators of companies whose groups grant ``pay_invoices``) pay
several open invoices and credit notes at once, with an amount of their own
for each, in one Odoo ``payment.transaction`` per currency whose payment is
reconciled with each invoice by its share (``b2b_invoice_amounts``); the
statement of account (opening balance, documents, running balance, ageing per
currency) of the contact's company or group of companies, as a page, a PDF in
the company's layout and a CSV, printed and sent from the back office and
mailed monthly to the administrators of subscribed companies.

Plugs into Odoo's payment framework through ``payment.transaction
._create_payment`` (the shares) and ``account.move.line
._prepare_reconciliation_amls`` (a reconciliation that stops at each share)."""

from . import b2b_customer_group
from . import res_partner
from . import res_partner_statement
from . import res_partner_statement_mail
from . import account_move
from . import account_move_reseller
from . import account_move_line
from . import payment_transaction
from . import report_statement
