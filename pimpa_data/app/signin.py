"""Who is using this browser session: the sign-in form, the session cookie, and sign-out.

Streamlit cannot set a cookie, so a small script (`st.html` with JavaScript) writes the signed
session token into one after sign-in; a reload opens a new Streamlit session, which reads it
back from `st.context.cookies`. The token itself is checked against `sessions` on every run
(a read, never a write), so sign-out, a disabled account and an idle timeout take effect at
once. With no account yet, a visitor on this machine (loopback) is the local admin.
"""

from __future__ import annotations

import json

import streamlit as st

from ..access import accounts, backoff, cookies, sessions
from ..core import audit
from ..core.db import log_action
from ..core.pdpa import current_user, user_unit
from ..core.roles import ADMIN, Actor
from . import ui

TOKEN = "_session_token"
COOKIE_TODO = "_cookie_todo"  # "set" or "clear": written by the next run's page
MESSAGE = "_signin_message"
STALE_COOKIE = "_stale_cookie"
VIA_SSO = "_via_sso"
PROXY_HEADERS = ("X-Forwarded-For", "X-Forwarded-Host", "X-Real-Ip", "Forwarded", "Via")
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def client_address() -> str:
    """The browser's address as the web server resolved it (behind a reverse proxy on this
    machine, the proxy's X-Forwarded-For); a browser on this machine is "loopback"."""
    address = _text(st.context.ip_address)  # Streamlit gives None for a loopback peer
    return address[:64] if address else "loopback"


def _text(value: object) -> str | None:
    """Only real text counts (a test harness may hand back placeholder objects)."""
    return value if isinstance(value, str) and value else None


def is_local() -> bool:
    """A browser on this machine itself: a loopback peer, no proxy's headers, and a local host
    name (a page that rebinds its own name to 127.0.0.1 still sends its own Host). A tunnel
    that forwards a remote browser without saying so cannot be told apart: README says to
    create the first admin before opening the server to anyone."""
    if _text(st.context.ip_address) is not None:
        return False
    headers = st.context.headers
    if any(_text(headers.get(name)) for name in PROXY_HEADERS):
        return False
    host = _text(headers.get("Host"))
    return host is None or host.rsplit(":", 1)[0].lower() in LOOPBACK_HOSTS or host.lower() in LOOPBACK_HOSTS


def current_actor() -> Actor | None:
    """The signed-in person, the local admin of an installation without accounts, or None."""
    con = ui.cursor()
    client = client_address()
    token = st.session_state.get(TOKEN) or _cookie_token()
    if token:
        username = sessions.session_user(con, token)
        actor = accounts.account_actor(con, username, client) if username else None
        if actor is not None:
            st.session_state[TOKEN] = token
            return actor
        st.session_state.pop(TOKEN, None)
        st.session_state[STALE_COOKIE] = True
        st.session_state.setdefault(MESSAGE, "session_ended")
        st.session_state[COOKIE_TODO] = "clear"
        if st.session_state.pop(VIA_SSO, False):
            st.logout()  # the provider's own sign-in would otherwise open a new session at once
    single_sign_on = _single_sign_on(con, client)
    if single_sign_on is not None:
        return single_sign_on
    if is_local() and not accounts.any_accounts(con):
        return Actor(f"local:{current_user()}", ADMIN, user_unit(), ui.t("local_admin_name"), "local", local=True)
    return None


def _cookie_token() -> str | None:
    """The token of the cookie the browser sent when this session connected, unless it is known
    to have ended since (Streamlit keeps showing the cookies of the connection's start)."""
    if st.session_state.get(STALE_COOKIE):
        return None
    return cookies.unsign(st.context.cookies.get(cookies.COOKIE_NAME))


def _single_sign_on(con, client: str) -> Actor | None:
    """An `st.login` (OIDC) user, matched to an account by e-mail only when the provider verified
    it; it gets a session of its own, so idle time, sign-out and a disabled account apply."""
    try:
        if not st.user.is_logged_in or st.user.get("email_verified") is not True:
            return None
        email = str(st.user.get("email") or "")
    except (AttributeError, KeyError):
        return None
    username = accounts.account_by_email(con, email) if email else None
    actor = accounts.account_actor(con, username, client) if username else None
    if actor is not None:
        st.session_state[TOKEN] = sessions.new_session(con, actor.username, client)
        st.session_state[VIA_SSO] = True
        log_action(con, actor, "sign_in", f"role={actor.role} unit={actor.unit_code} via=sso")
    return actor


def sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file, or one that does not parse: no single sign-on, not no page
        return False


# ---------------------------------------------------------------- the cookie

def write_cookie() -> None:
    """Carry out a pending cookie change (after sign-in or sign-out) on this run's page."""
    todo = st.session_state.pop(COOKIE_TODO, None)
    if todo == "set" and st.session_state.get(TOKEN):
        value, age = cookies.sign(st.session_state[TOKEN]), cookies.MAX_AGE_SECONDS
    elif todo == "clear":
        value, age = "", 0
    else:
        return
    # The value is URL-safe base64 and dots; json.dumps quotes it for the script all the same.
    script = f"""<script>
      const secure = window.location.protocol === "https:" ? "; Secure" : "";
      document.cookie = {json.dumps(cookies.COOKIE_NAME)} + "=" + {json.dumps(value)}
        + "; Path=/; Max-Age={age}; SameSite=Strict" + secure;
    </script>"""
    st.html(script, unsafe_allow_javascript=True, width="content")


# ---------------------------------------------------------------- signing in and out

def sign_in(username: str, password: str) -> str | None:
    """Check the form; on success start a session and return None, else the message key."""
    con = ui.cursor()
    client = client_address()
    name = username.strip().lower()[:64]
    if backoff.attempt(name, client) > 0:
        audit.note(con, _logged_name(con, name), "sign_in_refused", "too many failed tries", client)
        return "signin_wait"
    actor = accounts.authenticate(con, name, password, client) if name and password else None
    if actor is None:
        audit.note(con, _logged_name(con, name), "sign_in_failed", "wrong username or password", client, now=True)
        return "signin_wrong"
    backoff.succeeded(name, client)
    st.session_state[TOKEN] = sessions.new_session(con, actor.username, client)
    st.session_state[COOKIE_TODO] = "set"
    log_action(con, actor, "sign_in", f"role={actor.role} unit={actor.unit_code}")
    return None


def _logged_name(con, name: str) -> str:
    """A failed try's username, only when it is one: people type passwords into that box too."""
    return name if accounts.USERNAME.fullmatch(name) and accounts.exists(con, name) else "(unknown)"


def sign_out(actor: Actor) -> None:
    con = ui.cursor()
    token = st.session_state.pop(TOKEN, None)
    if token:
        sessions.end_session(con, token)
    log_action(con, actor, "sign_out", "")
    audit.buffer_of(con).flush(con)
    for key in list(st.session_state):
        if key not in ("lang",):
            del st.session_state[key]
    st.session_state[COOKIE_TODO] = "clear"
    st.session_state[STALE_COOKIE] = True
    st.session_state[MESSAGE] = "signed_out"
    if sso_configured():
        try:
            if st.user.is_logged_in:
                st.logout()
        except AttributeError:
            pass
