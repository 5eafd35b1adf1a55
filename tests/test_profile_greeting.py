"""Form of address: the greeting line in the partner's language."""

from odoo.tests import tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BSalutation(B2BCommon):
    def test_four_languages_both_forms(self):
        for code in ("de_DE", "nl_NL", "fr_FR"):
            self.env["res.lang"]._activate_lang(code)
        person = self.env["res.partner"].create(
            {
                "name": "Erika Muster",
                "b2b_salutation": "ms",
                "b2b_academic_title": "dr",
            }
        )
        expected = {
            "en_US": ("Dear Ms Dr Muster,", "Hi Erika,"),
            "de_DE": ("Sehr geehrte Frau Dr. Muster,", "Hallo Erika,"),
            "nl_NL": ("Geachte mevrouw dr. Muster,", "Beste Erika,"),
            "fr_FR": ("Chère Madame Muster,", "Bonjour Erika,"),
        }
        for lang, (formal, informal) in expected.items():
            with self.subTest(lang=lang):
                person.write({"lang": lang, "b2b_salutation_form": False})
                self.assertEqual(person.b2b_letter_salutation, formal)
                person.b2b_salutation_form = "formal"
                self.assertEqual(person.b2b_letter_salutation, formal)
                person.b2b_salutation_form = "informal"
                self.assertEqual(person.b2b_letter_salutation, informal)
        person.write({"lang": "de_DE", "b2b_salutation_form": "formal"})
        person.b2b_salutation = "mr"
        self.assertEqual(person.b2b_letter_salutation, "Sehr geehrter Herr Dr. Muster,")
        self.company_a.lang = "nl_NL"
        self.assertEqual(self.company_a.b2b_letter_salutation, "Geachte heer, mevrouw,")

    def test_default_form_of_address_from_the_language(self):
        dutch = self.env["res.lang"]._activate_lang("nl_NL")
        self.env["res.lang"]._activate_lang("de_DE")
        self.assertEqual(dutch.b2b_salutation_form, "formal")
        jan, erika = self.env["res.partner"].create(
            [
                {"name": "Jan de Vries", "b2b_salutation": "mr", "lang": "nl_NL"},
                {"name": "Erika Muster", "b2b_salutation": "ms", "lang": "de_DE"},
            ]
        )
        self.assertEqual(jan.b2b_letter_salutation, "Geachte heer De Vries,")
        # a Dutch shop that says "je" to its customers sets it once on the
        # language; German customers keep "Sie", an explicit choice wins
        dutch.b2b_salutation_form = "informal"
        self.env.invalidate_all()
        self.assertEqual(jan.b2b_letter_salutation, "Beste Jan,")
        self.assertEqual(erika.b2b_letter_salutation, "Sehr geehrte Frau Muster,")
        jan.b2b_salutation_form = "formal"
        self.assertEqual(jan.b2b_letter_salutation, "Geachte heer De Vries,")

    def test_last_name_keeps_its_particles(self):
        for code in ("de_DE", "fr_FR"):
            self.env["res.lang"]._activate_lang(code)
        johann, charles = self.env["res.partner"].create(
            [
                {"name": "Johann Wolfgang von Goethe", "b2b_salutation": "mr"},
                {"name": "Charles de Gaulle", "b2b_salutation": "mr"},
            ]
        )
        johann.lang, charles.lang = "de_DE", "fr_FR"
        self.assertEqual(johann.b2b_letter_salutation, "Sehr geehrter Herr von Goethe,")
        self.assertEqual(charles.b2b_letter_salutation, "Cher Monsieur de Gaulle,")
