"""What every form of the module's portal pages shares: reading the inputs
(text PostgreSQL would refuse, or that does not belong in a name, is
refused with a message), and running the model method behind a form so that
a refusal renders the form again with the message and what was typed."""

import re

from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

#: characters no form input may carry: NUL (PostgreSQL refuses it) and the
#: other control characters (tab and line breaks only in multi-line inputs)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\t\r\n]+")


def read_form(post, names, multiline=()):
    """The inputs ``names`` of a posted form, stripped, as a dict of strings.
    Control characters are removed; ``form_input_error`` says whether some
    were there."""
    form = {}
    for name in names:
        value = post.get(name)
        value = value if isinstance(value, str) else ""
        value = CONTROL_CHARS.sub("", value)
        if name not in multiline:
            value = LINE_BREAKS.sub(" ", value)
        form[name] = value.strip()
    return form


def form_input_error(post, names=None):
    """A translated message when an input of the posted form carries
    characters that are not allowed, else None."""
    for name, value in post.items():
        if names is not None and name not in names:
            continue
        if isinstance(value, str) and CONTROL_CHARS.search(value):
            return request.env._(
                "Some of the details contain characters that are not allowed "
                "(control characters). Please type them again."
            )
    return None


def check_form_input(values, names=None):
    """Raise a translated UserError when ``values`` carry characters that are
    not allowed (for forms Odoo itself renders, such as the sign-up)."""
    error = form_input_error(values, names)
    if error:
        raise UserError(error)


def run_form_action(action, render_error):
    """Run ``action()`` in a savepoint and return its result. A refusal
    (UserError, ValidationError) rolls back what it did and returns
    ``render_error(message)``: the form again, with the message."""
    try:
        with request.env.cr.savepoint():
            return action()
    except (UserError, ValidationError) as exc:
        return render_error(exc.args[0])


def paged_search(model, domain, url, url_args, page, step, order):
    """One page of a portal list as Odoo's portal pages it: the records of
    ``domain`` on ``page`` (``step`` a page, in ``order``), Odoo's pager (its
    links keep the non-empty ``url_args``) and the count."""
    count = model.search_count(domain)
    pager = portal_pager(
        url=url,
        url_args={key: value for key, value in url_args.items() if value},
        total=count,
        page=page,
        step=step,
    )
    records = model.search(domain, order=order, limit=step, offset=pager["offset"])
    return records, pager, count
