"""``/my/company`` paged (20 colleagues a page, Odoo's portal pager) and
searched by name or e-mail; the forms on the page return to the page and
search they were posted from; the page costs the same queries with 10 or 60
users."""

from urllib.parse import urlsplit

from odoo import http
from odoo.tests import new_test_user, tagged

from .common import B2BHttpCommon
from .group_common import GroupFixtures


@tagged("post_install", "-at_install")
class TestB2BCompanyPage(B2BHttpCommon):
    def _add_colleagues(self, count, prefix="Pager"):
        Partner = self.env["res.partner"]
        contacts = Partner.create(
            [
                {
                    "name": f"{prefix} {i:03d}",
                    "parent_id": self.company_a.id,
                    "email": f"{prefix.lower()}{i}@alpha.example.com",
                    "b2b_role": "user",
                }
                for i in range(count)
            ]
        )
        for contact in contacts:
            new_test_user(
                self.env,
                login=contact.email,
                groups="base.group_portal",
                partner_id=contact.id,
                name=contact.name,
                email=contact.email,
            )
        self.env.flush_all()
        return contacts

    def _listed(self):
        """The colleagues of company A in the page's order."""
        Partner = self.env["res.partner"]
        return Partner.search(
            Partner._b2b_prepare_colleagues_domain(self.company_a), order="name, id"
        )

    def _rows(self, html):
        """The colleague ids listed in the table of the page."""
        return [
            int(part.split('"', 1)[0]) for part in html.split('data-partner-id="')[1:]
        ]

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)

    def test_twenty_a_page_and_page_two_shows_the_21st(self):
        self._add_colleagues(25)
        listed = self._listed()
        self.assertGreater(len(listed), 21)
        self.authenticate("portal_admin_a", "portal_admin_a")
        first = self.url_open("/my/company")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(self._rows(first.text), listed[:20].ids)
        self.assertIn("/my/company/page/2", first.text)
        second = self.url_open("/my/company/page/2")
        self.assertEqual(second.status_code, 200)
        self.assertEqual(self._rows(second.text)[0], listed[20].id)
        self.assertIn(listed[20].name, second.text)
        self.assertNotIn(f'data-partner-id="{listed[0].id}"', second.text)
        # a colleague of page 2 can still be named in a rule or a budget
        self.assertIn(f'value="{listed[0].id}"', second.text)
        self.assertIn(f'<option value="{listed[20].id}"', first.text)

    def test_search_by_name_and_by_email(self):
        self._add_colleagues(25)
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company?search=ulrich")
        self.assertEqual(self._rows(page.text), [self.user_a.id])
        page = self.url_open("/my/company?search=pager7@alpha")
        pager7 = self._listed().filtered(
            lambda p: p.email == "pager7@alpha.example.com"
        )
        self.assertEqual(self._rows(page.text), pager7.ids)
        page = self.url_open("/my/company?search=Pager")
        self.assertEqual(len(self._rows(page.text)), 20)
        self.assertIn("/my/company/page/2?search=Pager", page.text)
        page = self.url_open("/my/company?search=nobody-is-called-so")
        self.assertEqual(self._rows(page.text), [])
        self.assertIn("No colleague found.", page.text)
        # another company's contacts are never found
        page = self.url_open("/my/company?search=bravo")
        self.assertNotIn("Bob Bravo", page.text)

    def test_search_with_control_characters_is_refused_on_the_page(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company?search=ul%00rich")
        self.assertEqual(page.status_code, 200)
        self.assertIn("control characters", page.text)

    def test_forms_return_to_their_page_and_search(self):
        contacts = self._add_colleagues(25)
        target = contacts[-1]
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company/page/2?search=Pager")
        self.assertIn('name="page" value="2"', page.text)
        self.assertIn('name="search" value="Pager"', page.text)
        response = self._post(
            f"/my/company/{target.id}/role",
            b2b_role="approver",
            b2b_order_limit="1500",
            page="2",
            search="Pager",
        )
        self.assertEqual(response.status_code, 303)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(location.path, "/my/company/page/2")
        self.assertIn("search=Pager", location.query)
        self.assertIn("role_changed=1", location.query)
        self.assertEqual(target.b2b_role, "approver")
        self.assertEqual(target.b2b_order_limit, 1500)
        # a refusal shows the same page and search again, with the message
        response = self._post(
            f"/my/company/{target.id}/role", b2b_role="owner", page="2", search="Pager"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'data-partner-id="{target.id}"', response.text)
        self.assertIn('name="search" value="Pager"', response.text)
        response = self._post(
            "/my/company/invite",
            name="Paula Paged",
            email="paula@alpha.example.com",
            b2b_role="user",
            page="2",
            search="Pager",
        )
        self.assertEqual(response.status_code, 303)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(location.path, "/my/company/page/2")
        self.assertIn("invited=1", location.query)
        response = self._post(
            f"/my/company/{target.id}/remove", page="2", search="Pager"
        )
        self.assertEqual(response.status_code, 303)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(location.path, "/my/company/page/2")
        self.assertIn("removed=1", location.query)

    def test_page_queries_equal_for_10_and_60_users(self):
        def page_queries(path):
            self.url_open(path)  # warm-up
            before = self.cr.sql_log_count
            response = self.url_open(path)
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before

        self.authenticate("portal_admin_a", "portal_admin_a")
        self._add_colleagues(10 - len(self._listed()), prefix="Ten")
        self.assertEqual(len(self._listed()), 10)
        small = page_queries("/my/company")
        self._add_colleagues(50, prefix="Sixty")
        self.assertEqual(len(self._listed()), 60)
        large = page_queries("/my/company")
        self.assertEqual(small, large, f"10 users: {small}, 60 users: {large}")


@tagged("post_install", "-at_install")
class TestB2BCompanyPageGroup(GroupFixtures, B2BHttpCommon):
    """``/my/company`` of an administrator who sees the group: each
    subsidiary lists its first 20 users (by name) and says how many it has;
    the page costs the same queries whatever their number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_group_fixtures()

    def _add_people(self, company, count, prefix):
        return self.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {i:03d}",
                    "parent_id": company.id,
                    "email": f"{prefix.lower()}{i}@group.example.com",
                    "b2b_role": "user",
                }
                for i in range(count)
            ]
        )

    def _page_queries(self, path):
        self.url_open(path)  # warm-up
        before = self.cr.sql_log_count
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before, response.text

    def test_subsidiary_lists_its_first_20_users_and_counts_them(self):
        people = self._add_people(self.subs[5], 30, "Depotworker")
        self.env.flush_all()
        self.authenticate("portal_group_admin", "portal_group_admin")
        page = self.url_open("/my/company")
        self.assertEqual(page.status_code, 200)
        depot = page.text.split(f'data-company-id="{self.subs[5].id}"', 1)[1]
        depot = depot.split('data-company-id="', 1)[0].split("o_b2b_invite", 1)[0]
        listed = self.env["res.partner"].search(
            [("parent_id", "=", self.subs[5].id), ("is_company", "=", False)],
            order="name, id",
        )
        self.assertEqual(len(listed), 32)  # Dora, Udo and the 30
        self.assertEqual(listed[:20], people[:20])
        self.assertEqual(depot.count("o_b2b_subsidiary_user"), 20)
        for person in listed[:20]:
            self.assertIn(person.name, depot)
        for person in listed[20:]:
            self.assertNotIn(person.name, depot)
        self.assertRegex(depot, r"The first 20 of\s+32\s+users are listed")
        # the other subsidiaries are listed in full, without the note
        self.assertEqual(page.text.count("o_b2b_subsidiary_more"), 1)
        self.assertIn("Nina North", page.text)

    def test_page_queries_equal_for_few_and_many_subsidiary_users(self):
        self.authenticate("portal_group_admin", "portal_group_admin")
        self._add_people(self.subs[5], 2, "Few")
        self.env.flush_all()
        few, _html = self._page_queries("/my/company")
        for level in (1, 3, 5):
            self._add_people(self.subs[level], 40, f"Many{level}")
        self._add_people(self.sibling, 40, "ManySouth")
        self.env.flush_all()
        many, html = self._page_queries("/my/company")
        self.assertEqual(few, many, f"few users: {few}, many users: {many}")
        self.assertEqual(html.count("o_b2b_subsidiary_more"), 4)
