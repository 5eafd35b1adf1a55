import secrets
import textwrap
from collections import defaultdict

from lxml import etree, html
from markupsafe import Markup, escape

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.mail import html_to_inner_content
from odoo.tools.rendering_tools import parse_inline_template
from odoo.tools.safe_eval import safe_eval

#: the layout around the module's mails
B2B_MAIL_LAYOUT = "mail.mail_notification_light"


def _mail_preview(body):
    """The preview of a mail body, as ``mail.message._compute_preview``."""
    return textwrap.shorten(html_to_inner_content(body), 190)


class MailTemplate(models.Model):
    _inherit = "mail.template"

    #: what Odoo's ``send_mail_batch`` renders for each mail
    _B2B_RENDER_FIELDS = (
        "attachment_ids",
        "auto_delete",
        "body_html",
        "email_cc",
        "email_from",
        "email_to",
        "mail_server_id",
        "model",
        "partner_to",
        "reply_to",
        "report_template_ids",
        "res_id",
        "scheduled_date",
        "subject",
    )

    def _b2b_queue(self, records, email_values=None, thread_of=None):
        """Queue one e-mail per record of the template's model, rendered for
        that record (its language, its greeting), sent in Odoo's light
        layout; the chatter shows its body, as for the mails Odoo posts.
        Odoo's mail queue sends it; ``mail.mail._cron_b2b_resend`` sends it
        again when the mail server could not take it. Nothing is sent
        inline, so an unreachable mail server blocks no action.

        The mails are what ``send_mail_batch`` would queue, rendered for the
        whole batch at once by ``_b2b_render_batch`` and created in one
        ``create`` already in their thread. Templates with attachments or
        their own layout take Odoo's path.

        ``thread_of(record)`` is the record (of the same model) whose chatter
        shows the mail and receives the replies (default: the record itself),
        for example the company of a contact the mail was written for.

        :return: the queued mail.mail (sudo)
        """
        self.ensure_one()
        Mail = self.env["mail.mail"].sudo()
        if not records:
            return Mail
        template = self.sudo()
        records = records.with_prefetch(records.ids)
        if (
            template.email_layout_xmlid
            or template.attachment_ids
            or template.report_template_ids
        ):
            # Odoo's path, its bodies and inline fields still rendered in one
            # pass (see _b2b_render_batch)
            mails = template.with_context(b2b_batch_render=True).send_mail_batch(
                records.ids,
                force_send=False,
                email_values={**(email_values or {}), "b2b_resend": True},
            )
            template._b2b_move_to_threads(mails, records, thread_of)
            return mails
        rendered = template._b2b_render_batch(records)
        values_list = []
        for record in records:
            values = rendered[record.id]
            values.pop("attachments", None)
            values["recipient_ids"] = [
                (4, pid) for pid in values.get("partner_ids") or []
            ]
            values["attachment_ids"] = []
            values.update(email_values or {}, b2b_resend=True)
            if "email_from" in values and not values["email_from"]:
                values.pop("email_from")
            thread = thread_of(record) if thread_of else record
            if thread._name == record._name and thread.id:
                values["res_id"] = thread.id
            values_list.append(values)
        return Mail.create(values_list)

    def _b2b_render_batch(self, records):
        """The batch mail renderer, the module's one entry into it: what
        ``send_mail_batch`` renders for each of ``records`` (the fields of
        ``_B2B_RENDER_FIELDS``), in one pass for the whole batch: the bodies
        and inline fields by ``_render_template_qweb`` and
        ``_render_template_inline_template`` below (switched on by the
        context key ``b2b_batch_render``), the
        light layout once per language and company (``_b2b_layout_bodies``).

        It leans on Odoo's rendering internals; where they do not fit it
        falls back to Odoo's own rendering, record by record. With
        ``b2b_batch_render="strict"`` in the context a fallback caused by a
        failure raises instead: ``tests/test_mail_conformance.py`` renders
        every template of the module so, and compares the result with Odoo's
        own, byte for byte.

        :return: {record id: values}, ``body`` the body as the chatter shows
            it, ``body_html`` the same in the layout, as the e-mail has it
        """
        self.ensure_one()
        template = self.with_context(
            b2b_batch_render=self.env.context.get("b2b_batch_render") or True
        )
        rendered = template._generate_template(records.ids, self._B2B_RENDER_FIELDS)
        layouts = template._b2b_layout_bodies(
            records,
            {res_id: values["body_html"] for res_id, values in rendered.items()},
        )
        for res_id, values in rendered.items():
            values["body"] = values["body_html"]
            values["body_html"] = layouts[res_id]
        return rendered

    def _b2b_batch_failed(self, what):
        """A batch rendering failed and Odoo's path takes over: raise in the
        strict mode of the conformance test (see ``_b2b_render_batch``)."""
        if self.env.context.get("b2b_batch_render") == "strict":
            raise RuntimeError(f"b2b batch rendering fell back to Odoo's: {what}")

    def _b2b_move_to_threads(self, mails, records, thread_of):
        """Move the messages of ``mails`` queued by Odoo's ``send_mail_batch``
        to the chatter of ``thread_of(record)``, in one query."""
        if not thread_of:
            return
        moved = [
            (mail.mail_message_id.id, thread.id)
            for mail in mails
            for thread in [thread_of(records.browse(mail.res_id))]
            if thread._name == mails[:1].model and thread.id != mail.res_id
        ]
        if moved:
            self.env["mail.message"].flush_model(["res_id"])
            self.env.cr.execute(
                SQL(
                    "UPDATE mail_message m SET res_id = v.res_id"
                    " FROM (VALUES %s) AS v(id, res_id) WHERE m.id = v.id",
                    SQL(", ").join(SQL("(%s, %s)", mid, rid) for mid, rid in moved),
                )
            )
            mails.invalidate_recordset(["res_id"])
            mails.mail_message_id.invalidate_recordset(["res_id"])

    def _b2b_layout_bodies(self, records, bodies):
        """The ``bodies`` of ``records`` (by id) in Odoo's light layout,
        exactly as ``send_mail_batch`` encapsulates them (same language,
        company, values and local links): {record id: html}.

        The layout is rendered once per language and company, with markers
        where the record's name, the preview and the body go, and the
        markers replaced for each record (escaped as QWeb escapes them). The
        first record of each rendering is checked against Odoo's own
        rendering; a layout changed to show more of the record is rendered
        record by record, as Odoo does."""
        self.ensure_one()
        langs = self._render_lang(records.ids) if self.lang else {}
        companies = records._mail_get_companies(default=self.env.company)
        record_ir_model = self.env["ir.model"]._get(self.model)
        Message = self.env["mail.message"].sudo()
        token = secrets.token_hex(16)
        markers = {key: f"b2b{key}{token}" for key in ("name", "preview", "body")}
        groups = defaultdict(list)
        for record in records:
            lang = langs.get(record.id) or self.env.lang
            company = companies.get(record.id) or self.env.company
            groups[lang, company].append(record.id)
        result = {}
        for (lang, company), res_ids in groups.items():
            template = self.with_context(lang=lang)
            context = {
                "company": company,
                "model_description": record_ir_model.with_context(
                    lang=lang
                ).display_name,
            }
            group_records = records.browse(res_ids).with_context(lang=lang)
            try:
                layout = template._render_encapsulate(
                    B2B_MAIL_LAYOUT,
                    Markup(markers["body"]),
                    add_context={
                        **context,
                        "record_name": markers["name"],
                        "message": Message.new(
                            {
                                "body": Markup(markers["body"]),
                                "preview": markers["preview"],
                            }
                        ),
                    },
                    context_record=records.browse(),
                )
            except Exception:  # noqa: BLE001 - a layout that needs the record
                self._b2b_batch_failed("layout")
                layout = ""
            head, body_marker, tail = str(layout).partition(markers["body"])
            if not body_marker or markers["body"] in tail:
                self._b2b_batch_failed("layout markers")
                layout = None  # rendered record by record, as Odoo does
            for record in group_records:
                body = Markup(bodies.get(record.id) or "")
                if layout is not None:
                    html_body = template._b2b_fill_layout(
                        (head, tail), markers, record, body
                    )
                    if record.id == res_ids[0]:
                        odoo_body = template._render_encapsulate(
                            B2B_MAIL_LAYOUT,
                            body,
                            add_context=context,
                            context_record=record,
                        )
                        if html_body != odoo_body:
                            self._b2b_batch_failed("layout differs from Odoo's")
                            layout = None
                            html_body = odoo_body
                else:
                    html_body = template._render_encapsulate(
                        B2B_MAIL_LAYOUT,
                        body,
                        add_context=context,
                        context_record=record,
                    )
                result[record.id] = html_body
        return result

    def _b2b_fill_layout(self, layout, markers, record, body):
        """The layout rendered once (``head``, ``tail`` around the body)
        filled in for ``record``: its name and the preview of its body as
        QWeb escapes them, its body with local links made absolute."""
        head, tail = layout
        values = {
            markers["name"]: escape((record.display_name or "").replace("/", "-")),
            markers["preview"]: escape(_mail_preview(body)),
        }

        def fill(text):
            for marker, value in values.items():
                text = text.replace(marker, value)
            return text

        body = self.env["mail.render.mixin"]._replace_local_links(body)
        return Markup("").join((Markup(fill(head)), body, Markup(fill(tail))))

    @api.model
    def _render_template_qweb(
        self, template_src, model, res_ids, add_context=None, options=None
    ):
        """Render a QWeb body for all ``res_ids`` in one pass when the module
        queues its mails (``b2b_batch_render`` in the context).

        Odoo parses and compiles the inline body once per record (an etree
        has no compilation cache), which was most of the time of a bulk
        decision. Here the body is compiled once, looped over the records
        and the output cut at a random marker between them: every record is
        rendered by the same code, in the same language and context, as one
        by one. Bodies that set variables (``t-set`` would carry over to the
        next record), sources without records and failures take Odoo's path.
        """
        if (
            not self.env.context.get("b2b_batch_render")
            or len(res_ids) < 2
            or not template_src
            or "t-set" in template_src
            or not self._has_unsafe_expression_template_qweb(template_src, model)
        ):
            return super()._render_template_qweb(
                template_src, model, res_ids, add_context=add_context, options=options
            )
        marker = f"b2b-batch-{secrets.token_hex(16)}"
        loop = etree.Element("t", {"t-foreach": "b2b_batch_records", "t-as": "object"})
        etree.SubElement(loop, "t", {"t-out": "b2b_batch_marker"})
        loop.append(html.fragment_fromstring(template_src, create_parent="div"))
        variables = self._render_eval_context()
        variables.update(add_context or {})
        variables.update(
            b2b_batch_records=self.env[model].browse(res_ids),
            b2b_batch_marker=marker,
        )
        try:
            rendered = self.env["ir.qweb"]._render(loop, variables, **(options or {}))
        except Exception:  # noqa: BLE001 - Odoo's path reports it per record
            self._b2b_batch_failed("body")
            return super()._render_template_qweb(
                template_src, model, res_ids, add_context=add_context, options=options
            )
        # each part is "<div>body</div>": drop the wrapper as Odoo does
        parts = rendered.split(marker)[1:]
        return {res_id: part[5:-6] for res_id, part in zip(res_ids, parts, strict=True)}

    @api.model
    def _render_template_inline_template(
        self, template_txt, model, res_ids, add_context=None, options=None
    ):
        """Render an inline template (subject, sender, ...) for all
        ``res_ids`` at once when the module queues its mails
        (``b2b_batch_render`` in the context).

        Odoo compiles and checks each expression with ``safe_eval`` once per
        record; here each expression is evaluated by ``safe_eval`` once, over
        the records (``object`` is each record in turn), with the same
        variables, and the results are put together as Odoo does. Templates
        of plain field paths (Odoo renders them without ``safe_eval``),
        single records and failures take Odoo's path.
        """
        if (
            not self.env.context.get("b2b_batch_render")
            or not self._unrestricted_rendering
            or len(res_ids) < 2
            or not template_txt
            or not self._has_unsafe_expression_template_inline_template(
                str(template_txt), model
            )
        ):
            return super()._render_template_inline_template(
                template_txt, model, res_ids, add_context=add_context, options=options
            )
        instructions = parse_inline_template(str(template_txt))
        records = self.env[model].browse(res_ids)
        variables = self._render_eval_context()
        variables.update(add_context or {})
        variables["b2b_batch_records"] = records
        try:
            columns = [
                safe_eval(
                    f"[({expression}) for object in b2b_batch_records]", variables
                )
                for _string, expression, _default in instructions
                if expression
            ]
        except Exception:  # noqa: BLE001 - Odoo's path reports it per record
            self._b2b_batch_failed("inline template")
            columns = None
        if columns is None or any(
            not isinstance(column, list) or len(column) != len(records)
            for column in columns
        ):
            self._b2b_batch_failed("inline template columns")
            return super()._render_template_inline_template(
                template_txt, model, res_ids, add_context=add_context, options=options
            )
        results = {}
        for index, record in enumerate(records):
            values = iter([column[index] for column in columns])
            parts = []
            for string, expression, default in instructions:
                parts.append(string)
                if expression:
                    result = next(values) or default
                    if result:
                        parts.append(str(result))
            results[record.id] = "".join(parts)
        return results
