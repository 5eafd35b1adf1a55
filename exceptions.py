"""Errors of the module that callers tell apart."""

from odoo.exceptions import UserError


class B2BFieldError(UserError):
    """A refused form input: ``field`` names the input (a res.partner field
    name, as the portal forms use them), so that the page shows the message
    next to it."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
