"""The HTTP side of acting on behalf: the browser's session is switched to
a new portal session of the contact, and back.

The staff member's own session is never changed: it stays in Odoo's session
store under its own id (the same file, not rewritten), and only the id the
browser holds changes. The acting session keeps that id in its data (the
session store is on the server; the browser holds only its own session id),
and ending it deletes the acting session and gives the browser the staff
member's session id back, as it was."""

import time
from datetime import UTC

from odoo.http import get_default_session, request, root

from .b2b_assistance_session import B2B_ASSIST_SESSION_KEY


def start_acting(assistance):
    """Switch the current request's browser session (the staff member's)
    to a new portal session of ``assistance``'s contact."""
    session = request.session
    store = root.session_store
    staff_sid = session.sid
    if session.is_dirty or session.is_new:
        store.save(session)
    user = assistance.user_id
    user_env = request.env(user=user.id)
    data = dict(get_default_session())
    data.update(
        {
            "db": request.env.registry.db_name,
            "login": user.login,
            "uid": user.id,
            "context": dict(user_env["res.users"].context_get()),
            "create_time": time.time(),
            B2B_ASSIST_SESSION_KEY: {
                "id": assistance.id,
                "staff_sid": staff_sid,
                "expires_ts": assistance.expires.replace(tzinfo=UTC).timestamp(),
                "contact": assistance.contact_id.name,
                "company": assistance.company_id.name,
            },
        }
    )
    session.sid = store.generate_key()
    session.clear()
    session.update(data)
    session.session_token = user_env.user._compute_session_token(session.sid)
    session.should_rotate = False
    session.is_new = True
    session.is_dirty = True


def stop_acting(staff_user_id):
    """Delete the current acting session and give the browser the session of
    the staff member ``staff_user_id`` back. Returns whether that session is
    still there (else the browser is logged out)."""
    session = request.session
    data = session.get(B2B_ASSIST_SESSION_KEY) or {}
    store = root.session_store
    store.delete(session)
    staff_sid = data.get("staff_sid")
    staff_session = (
        store.get(staff_sid) if staff_sid and store.is_valid_key(staff_sid) else None
    )
    session.clear()
    if staff_session is not None and staff_session.get("uid") == staff_user_id:
        session.sid = staff_sid
        session.update(dict(staff_session))
        # the file on disk is the staff member's session as it was: only
        # the browser's cookie changes (``_save_session`` sets it)
        session.is_dirty = False
        session.should_rotate = False
        return True
    session.update(get_default_session())
    session.update(db=request.db, context={"lang": request.default_lang()})
    session.sid = store.generate_key()
    session.is_dirty = True
    return False
