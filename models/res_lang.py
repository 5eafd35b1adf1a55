"""Numbers typed on the portal, read and shown in the reader's language (its
decimal point and thousands separator), for every amount and quantity input
of the module."""

import math
import re

from odoo import api, models

#: digits only (``str.isdigit`` also takes superscripts and other scripts)
DIGITS = re.compile(r"[0-9]*")


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _b2b_number_lang(self):
        """The active language of the environment (English when it has none)."""
        return self._lang_get(self.env.lang or "en_US") or self._lang_get("en_US")

    @api.model
    def _b2b_parse_number(self, text):
        """The positive number typed in ``text``, read with the decimal point
        and thousands separator of the environment's language, or None when
        it is not one or could be meant another way: in English ``1,5`` and
        ``1.000,5`` are refused, in German ``1.5`` is, while ``1,000.5``
        (English) and ``1.000,5`` (German) are 1000.5 and ``1.000`` is 1000
        in German only. Spaces are taken as thousands separators."""
        lang = self._b2b_number_lang()
        decimal_point = lang.decimal_point or "."
        separator = (lang.thousands_sep or "").strip()
        text = "".join((text or "").split())
        if not text or text.count(decimal_point) > 1:
            return None
        whole, _point, fraction = text.partition(decimal_point)
        if separator and separator in whole:
            digits = whole.replace(separator, "")
            # the separators must group the digits as the language does
            if (
                not digits
                or not DIGITS.fullmatch(digits)
                or lang.format("%d", int(digits), grouping=True) != whole
            ):
                return None
            whole = digits
        if (
            not DIGITS.fullmatch(whole)
            or not DIGITS.fullmatch(fraction)
            or not (whole or fraction)
        ):
            return None
        number = float(f"{whole or 0}.{fraction or 0}")
        return number if math.isfinite(number) else None

    @api.model
    def _b2b_format_number(self, number, digits=2):
        """``number`` as the portal's inputs show it in the environment's
        language, without thousands separators (``_b2b_parse_number`` reads
        it back); at most ``digits`` decimals, no trailing zeros."""
        lang = self._b2b_number_lang()
        text = f"{number:.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", lang.decimal_point or ".")

    @api.model
    def _b2b_number_example(self):
        """1234.5 as the environment's language writes it (for messages)."""
        return self._b2b_number_lang().format("%.2f", 1234.5, grouping=True)
