"""How a contact is addressed: form of address (formal or informal),
salutation and academic title, the greeting line of letters and e-mails in
the contact's language, and the extra numbers (mobile, fax) checked and
formatted by Odoo's phone_validation."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: numbers of a contact besides Odoo's own ``phone``
B2B_PHONE_FIELDS = ("b2b_mobile", "b2b_fax")

#: greeting lines by language, form and salutation; {first}, {last} and
#: {name} are filled from the partner's name, {title} with an academic title
B2B_GREETINGS = {
    "en": {
        "formal": {
            "mr": "Dear Mr {title}{last},",
            "ms": "Dear Ms {title}{last},",
            "mx": "Dear Mx {title}{last},",
            "dr": "Dear Dr {last},",
            "prof": "Dear Professor {last},",
            False: "Dear {name},",
            "company": "Dear Sir or Madam,",
        },
        "informal": {False: "Hi {first},", "company": "Hello,"},
    },
    "de": {
        "formal": {
            "mr": "Sehr geehrter Herr {title}{last},",
            "ms": "Sehr geehrte Frau {title}{last},",
            "mx": "Guten Tag {title}{name},",
            "dr": "Guten Tag Dr. {last},",
            "prof": "Guten Tag Prof. {last},",
            False: "Guten Tag {name},",
            "company": "Sehr geehrte Damen und Herren,",
        },
        "informal": {False: "Hallo {first},", "company": "Hallo zusammen,"},
    },
    "nl": {
        "formal": {
            "mr": "Geachte heer {title}{last},",
            "ms": "Geachte mevrouw {title}{last},",
            "mx": "Geachte {title}{name},",
            "dr": "Geachte dr. {last},",
            "prof": "Geachte prof. {last},",
            False: "Geachte {name},",
            "company": "Geachte heer, mevrouw,",
        },
        "informal": {False: "Beste {first},", "company": "Beste allemaal,"},
    },
    "fr": {
        "formal": {
            "mr": "Cher Monsieur {last},",
            "ms": "Chère Madame {last},",
            "mx": "Bonjour {name},",
            "dr": "Bonjour Docteur {last},",
            "prof": "Bonjour Professeur {last},",
            False: "Bonjour {name},",
            "company": "Madame, Monsieur,",
        },
        "informal": {False: "Bonjour {first},", "company": "Bonjour à tous,"},
    },
}

#: name particles that belong to the last name ("Jan de Vries",
#: "Johann von Goethe", "Charles de Gaulle")
B2B_NAME_PARTICLES = frozenset(
    "van de der den ten ter te het 't in op von zu vom zum zur "
    "du des la le d' di da dos del af".split()
)

#: academic titles as written before the last name, by language
B2B_ACADEMIC_TITLES = {
    "en": {"dr": "Dr ", "prof": "Professor ", "prof_dr": "Professor "},
    "de": {"dr": "Dr. ", "prof": "Prof. ", "prof_dr": "Prof. Dr. "},
    "nl": {"dr": "dr. ", "prof": "prof. ", "prof_dr": "prof. dr. "},
    "fr": {"dr": "", "prof": "", "prof_dr": ""},
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_salutation_form = fields.Selection(
        selection=[("formal", "Formal"), ("informal", "Informal")],
        string="Form of Address",
        help="Formal or informal (Sie/Du, u/je, vous/tu). "
        "Empty: the form of address set on the partner's language "
        "(Settings > Languages).",
    )

    b2b_salutation = fields.Selection(
        selection=[
            ("mr", "Mr"),
            ("ms", "Ms"),
            ("mx", "Mx"),
            ("dr", "Dr"),
            ("prof", "Prof"),
        ],
        string="Salutation",
    )

    b2b_academic_title = fields.Selection(
        selection=[("dr", "Dr."), ("prof", "Prof."), ("prof_dr", "Prof. Dr.")],
        string="Academic Title",
        help="Combined with Mr/Ms in greetings: Sehr geehrte Frau Dr. Muster.",
    )

    b2b_letter_salutation = fields.Char(
        string="Letter Greeting",
        compute="_compute_b2b_letter_salutation",
        help="Greeting line used in e-mails, in the partner's language.",
    )

    b2b_mobile = fields.Char(string="Mobile")

    b2b_fax = fields.Char(string="Fax")

    @api.depends(
        "name",
        "lang",
        "is_company",
        "parent_id.name",
        "b2b_salutation",
        "b2b_salutation_form",
        "b2b_academic_title",
    )
    @api.depends_context("lang")
    def _compute_b2b_letter_salutation(self):
        for partner in self:
            partner.b2b_letter_salutation = partner._b2b_get_letter_salutation()

    def _b2b_get_salutation_form(self):
        """The form of address to use: the partner's own choice, else the
        form set on its language (formal unless an administrator changed it)."""
        self.ensure_one()
        if self.b2b_salutation_form:
            return self.b2b_salutation_form
        lang = self.env["res.lang"]._lang_get(self.lang or self.env.lang or "en_US")
        return lang.sudo().b2b_salutation_form or "formal"

    def _b2b_get_letter_salutation(self):
        """Greeting line for letters and e-mails in the partner's language,
        for example "Sehr geehrte Frau Dr. Muster," or "Beste Erika,". A
        contact named as its company (created for a customer that had no
        contact person) is greeted as a company."""
        self.ensure_one()
        lang = (self.lang or self.env.lang or "en_US").split("_")[0]
        greetings = B2B_GREETINGS.get(lang, B2B_GREETINGS["en"])
        form = greetings[self._b2b_get_salutation_form()]
        name = (self.name or "").strip()
        company_name = (self.parent_id.name or "").strip()
        if self.is_company or not name or name == company_name:
            return form.get("company") or greetings["formal"]["company"]
        parts = name.split()
        start = len(parts) - 1
        while start > 1 and parts[start - 1].lower() in B2B_NAME_PARTICLES:
            start -= 1
        last = " ".join(parts[start:])
        if lang == "nl":
            # "de Vries" is written "De Vries" without the first name
            last = last[:1].upper() + last[1:]
        titles = B2B_ACADEMIC_TITLES.get(lang, B2B_ACADEMIC_TITLES["en"])
        line = form.get(self.b2b_salutation) or form[False]
        return line.format(
            first=parts[0],
            last=last,
            name=name,
            title=titles.get(self.b2b_academic_title, ""),
        )

    # ------------------------------------------------------------------
    # Mobile and fax, as Odoo checks and formats phone numbers
    # ------------------------------------------------------------------
    def _b2b_phone_country(self):
        self.ensure_one()
        return (
            self.country_id
            or self.commercial_partner_id.country_id
            or (self.company_id or self.env.company).country_id
        )

    def _b2b_format_phone(self, number):
        """``number`` in E.164 for the contact's country, or False when it is
        not a phone number there."""
        self.ensure_one()
        return self._phone_format(
            number=number,
            country=self._b2b_phone_country(),
            force_format="E164",
            raise_exception=False,
        )

    @api.constrains(*B2B_PHONE_FIELDS)
    def _check_b2b_phone_numbers(self):
        for partner in self:
            for fname in B2B_PHONE_FIELDS:
                number = partner[fname]
                if number and not partner._b2b_format_phone(number):
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(name)s is not a valid phone number: "
                            "%(number)s. Enter it with the country code "
                            "(+49 221 1234567) or as dialled in %(country)s.",
                            field=self._fields[fname]._description_string(self.env),
                            name=partner.display_name,
                            number=number,
                            country=partner._b2b_phone_country().name
                            or self.env._("the contact's country"),
                        )
                    )

    def _b2b_after_create(self):
        res = super()._b2b_after_create()
        self._b2b_store_formatted_phones()
        return res

    def _b2b_after_write(self, vals):
        res = super()._b2b_after_write(vals)
        if {*B2B_PHONE_FIELDS, "country_id", "parent_id"} & set(vals):
            self._b2b_store_formatted_phones()
        return res

    def _b2b_store_formatted_phones(self):
        """Store mobile and fax numbers in E.164 (the constraint has refused
        numbers that cannot be formatted)."""
        for partner in self:
            vals = {}
            for fname in B2B_PHONE_FIELDS:
                number = partner[fname]
                formatted = number and partner._b2b_format_phone(number)
                if formatted and formatted != number:
                    vals[fname] = formatted
            if vals:
                partner.write(vals)
