"""JSON-RPC of the project's scripts that drive a running Odoo (the
multi-worker smoke test, the screenshots): one place for the calls."""

import json

import requests


def rpc(base, session, model, method, args, kwargs=None):
    """``model.method(*args, **kwargs)`` through /web/dataset/call_kw with
    ``session``'s cookies; raises RuntimeError with Odoo's error."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "model": model,
            "method": method,
            "args": args,
            "kwargs": kwargs or {},
        },
    }
    response = session.post(
        f"{base}/web/dataset/call_kw", json=payload, timeout=60
    ).json()
    if "error" in response:
        raise RuntimeError(json.dumps(response["error"])[:500])
    return response["result"]


def login(base, db, login, password):
    """A requests session logged in to ``db`` as ``login``."""
    session = requests.Session()
    response = session.post(
        f"{base}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": db, "login": login, "password": password},
        },
        timeout=30,
    )
    if "error" in response.json():
        raise RuntimeError(f"cannot log in as {login}")
    return session
