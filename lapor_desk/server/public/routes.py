"""The public pages: ``/`` (send a complaint) and ``/lacak`` (follow it, answer, rate).

No script, one small inline style sheet, forms that work on any browser. Every POST carries the
form token of guard.py and counts against its address's hourly limit; the submit form has a
honeypot field (``situs``) that people never see and robots fill in.
"""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from lapor_desk.models.categories import taxonomy
from lapor_desk.models.enums import ComplaintType
from lapor_desk.models.intake import IntakeError
from lapor_desk.models.lookup import tracking_number_in
from lapor_desk.server.addresses import client_address
from lapor_desk.server.logs import event
from lapor_desk.server.metrics import server_metrics
from lapor_desk.server.public import contact, guard, service, words
from lapor_desk.server.public.errors import PublicError
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.state import ServerState

log = logging.getLogger(__name__)

SUBMIT = ("POST", "/")
TRACK = ("POST", "/lacak")
ANSWER = ("POST", "/lacak/tanggapi")
RATE = ("POST", "/lacak/nilai")
#: The body of a tracking-page form: a number, a code, an answer of RESPONSE_MAX characters.
SMALL_FORM_BYTES = 64 * 1024
#: Over a limit per address: when to come back (the limits count per hour).
RETRY = {"Retry-After": "3600"}
#: The submit form's fields besides its files.
FIELDS_BYTES = 128 * 1024

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
templates.env.filters["waktu"] = words.local_time
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def submit_limit(max_files: int, max_file_bytes: int) -> int:
    """The largest body the submit form may send (BodyLimitMiddleware refuses a bigger one)."""
    return FIELDS_BYTES + max_files * (max_file_bytes + 1024)


def body_limits(settings: ServerSettings) -> dict[tuple[str, str], int]:
    return {SUBMIT: submit_limit(settings.public_max_files, settings.public_max_file_bytes),
            TRACK: SMALL_FORM_BYTES, ANSWER: SMALL_FORM_BYTES, RATE: SMALL_FORM_BYTES}


def too_large_pages(limits: dict[tuple[str, str], int]) -> dict[tuple[str, str], bytes]:
    """What a browser sees when a form is over its limit (BodyLimitMiddleware answers 413)."""
    page = templates.get_template("pesan.html").render(text=words.TOO_LARGE, link="/")
    return {route: page.encode() for route in limits}


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


def _page(request: Request, name: str, context: dict[str, Any], *, nonce: str | None = None,
          status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A page whose forms carry a token for this browser (a new nonce unless ``nonce``)."""
    state = _state(request)
    key = guard.signing_key(state.engine)
    browser = request.cookies.get(guard.COOKIE) or ""
    if len(browser) != 32:
        browser = guard.new_nonce()
    token = guard.form_token(key, browser, nonce or guard.new_nonce(), state.now())
    context = {**context, "token": token, "zone": state.config.calendar.tz}
    response = templates.TemplateResponse(request, name, context, status_code=status,
                                          headers={**HEADERS, **(headers or {})})
    response.set_cookie(guard.COOKIE, browser, max_age=int(guard.FORM_TTL.total_seconds()),
                        httponly=True, samesite="strict", path="/", secure=_https(request))
    return response


def _https(request: Request) -> bool:
    """The browser reached the server over HTTPS: directly, or through a trusted proxy that says
    so (``X-Forwarded-Proto``, set by the nginx and Caddy examples in deploy/)."""
    if request.url.scheme == "https":
        return True
    try:
        peer = ipaddress.ip_address(request.client.host if request.client else "")
    except ValueError:
        return False
    proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return proto == "https" and any(peer in net for net in _state(request).trusted_proxies)


def _form_context(request: Request, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    settings = _state(request).settings
    return {"values": values, "errors": errors, "categories": taxonomy().categories(),
            "types": [(str(t), words.TYPE[str(t)]) for t in ComplaintType],
            "reply": words.reply_field(contact.offered(settings)),
            "max_files": settings.public_max_files,
            "max_mb": max(1, settings.public_max_file_bytes // (1024 * 1024))}


def _over_limit(request: Request, kind: str) -> bool:
    """Counts one more ``kind`` for the client's address; True when that is over its limit."""
    state = _state(request)
    limit = (state.settings.public_submits_per_hour if kind == "submit"
             else state.settings.public_lookups_per_hour)
    address = client_address(request.scope, state.trusted_proxies)
    if guard.allow(state.engine, f"{kind}:{address}", limit, state.now()):
        return False
    event(log, "public_rate_limited", kind=kind)
    return True


def _limited(request: Request, kind: str) -> Response | None:
    if not _over_limit(request, kind):
        return None
    return _message(request, words.TOO_MANY, status=429, headers=RETRY)


def _message(request: Request, text: str, *, status: int, link: str = "/",
             headers: dict[str, str] | None = None) -> Response:
    return templates.TemplateResponse(
        request, "pesan.html", {"text": text, "link": link}, status_code=status,
        headers={**HEADERS, **(headers or {})})


def _checked_form(request: Request, form: FormData) -> str | None:
    state = _state(request)
    return guard.check_form(guard.signing_key(state.engine), str(form.get("token") or ""),
                            request.cookies.get(guard.COOKIE), state.now())


@router.get("/", response_class=HTMLResponse)
async def submit_page(request: Request) -> Response:
    return await run_in_threadpool(_page, request, "kirim.html", _form_context(request, {}, {}))


@router.post("/", response_class=HTMLResponse)
async def submit_form(request: Request) -> Response:
    settings = _state(request).settings
    form = await request.form(max_files=settings.public_max_files + 1, max_fields=40,
                              max_part_size=FIELDS_BYTES)
    try:
        return await _submit(request, form)
    finally:
        await form.close()


async def _submit(request: Request, form: FormData) -> Response:
    state = _state(request)
    settings = state.settings
    values = {k: str(v) for k, v in form.items() if isinstance(v, str) and k != "token"}
    counted = server_metrics(request).public_submission
    nonce = await run_in_threadpool(_checked_form, request, form)
    if nonce is None:
        counted("invalid")
        return _message(request, words.FORM_EXPIRED, status=403)
    if values.get("situs"):  # the honeypot: a person never sees it
        event(log, "public_honeypot")
        counted("honeypot")
        return _message(request, words.REFUSED, status=400)
    uploads: list[service.Upload] = []
    for item in form.getlist("berkas"):
        if isinstance(item, UploadFile) and item.filename:
            data = await item.read(settings.public_max_file_bytes + 1)
            uploads.append(service.as_chosen(item.filename, item.content_type or "", data))
    raw = _raw_complaint(values)
    try:
        service.check_uploads(uploads, settings.public_max_files, settings.public_max_file_bytes)
        choice = _contact_choice(values, settings)
        new, reply = service.check_fields(raw, state.now(), choice)
        # Only a form that makes a complaint counts: a citizen sent back to fix a field is not
        # refused for the hour, and over the limit the page keeps what was typed.
        if await run_in_threadpool(_over_limit, request, "submit"):
            counted("rate_limited")
            return await run_in_threadpool(
                _page, request, "kirim.html",
                {**_form_context(request, values, {}), "notice": words.TOO_MANY_KEPT},
                nonce=nonce, status=429, headers=RETRY)
        sent = await run_in_threadpool(
            service.submit, state.engine, request.app.state.blobs, state.config,
            settings.public_agency, new, reply, uploads, nonce, state.now())
    except IntakeError as error:
        counted("invalid")
        errors = {words.FORM_FIELD.get(e.field, e.field): words.field_error(e.field, e.code)
                  for e in error.errors}
        if uploads and "berkas" not in errors:
            errors["berkas"] = words.CHOOSE_FILES_AGAIN
        return await run_in_threadpool(_page, request, "kirim.html",
                                       _form_context(request, values, errors), nonce=nonce,
                                       status=400)
    except PublicError as error:
        if error.code == "unavailable":  # the server's configuration, not the form
            return _message(request, words.ERRORS[error.code], status=503)
        counted("invalid")
        errors = {"berkas": words.file_error(
            error.code, error.subject, settings.public_max_files,
            max(1, settings.public_max_file_bytes // (1024 * 1024)))}
        return await run_in_threadpool(_page, request, "kirim.html",
                                       _form_context(request, values, errors), nonce=nonce,
                                       status=400)
    counted("accepted")
    return await run_in_threadpool(_page, request, "terkirim.html", {"sent": sent})


def _contact_choice(values: dict[str, str], settings: ServerSettings
                    ) -> contact.ContactChoice | None:
    """The form's contact for news; None when no channel can send (the form does not ask)."""
    offered = contact.offered(settings)
    if not offered:
        return None
    return contact.ContactChoice(values.get("kabar", ""), values.get("kabar_lewat", ""), offered)


def _raw_complaint(values: dict[str, str]) -> dict[str, Any]:
    anonymous = values.get("anonim") == "ya"
    return {
        "complaint_type": values.get("jenis", ""),
        "title": values.get("judul", ""),
        "body": values.get("isi", ""),
        "incident_date": values.get("tanggal", ""),
        "province": values.get("provinsi", ""),
        "regency": values.get("kabupaten", ""),
        "district": values.get("kecamatan", ""),
        "village": values.get("desa", ""),
        "category": values.get("kategori", ""),
        "anonymous": anonymous,
        "confidential": values.get("rahasia") == "ya",
        "reporter": {"name": values.get("nama", ""), "phone": values.get("telepon", ""),
                     "email": values.get("email", "")},
    }


@router.get("/lacak", response_class=HTMLResponse)
async def track_page(request: Request) -> Response:
    return await run_in_threadpool(_page, request, "lacak.html", {"values": {}, "error": None})


@router.post("/lacak", response_class=HTMLResponse)
async def track_form(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=10, max_part_size=SMALL_FORM_BYTES)
    return await run_in_threadpool(_track, request, form)


def _track(request: Request, form: FormData) -> Response:
    state = _state(request)
    values = {"nomor": str(form.get("nomor") or "").strip()}
    if _checked_form(request, form) is None:
        return _message(request, words.FORM_EXPIRED, status=403, link="/lacak")
    limited = _limited(request, "lookup")
    if limited is not None:
        return limited
    # as a citizen notes it down: "3349793", "#3349793", "3.349.793", "No. 3349793"
    number = tracking_number_in(values["nomor"])
    code = str(form.get("kode") or "")
    complaint_id = service.find(state.engine, number, code) if number is not None and \
        len(str(number)) < 12 else None
    if complaint_id is None:
        event(log, "public_lookup_failed")
        return _page(request, "lacak.html", {"values": values, "error": words.NOT_FOUND},
                     status=404)
    return _complaint_page(request, complaint_id, None)


def _complaint_page(request: Request, complaint_id: str, notice: str | None,
                    error: str | None = None, status: int = 200) -> Response:
    state = _state(request)
    now = state.now()
    found = service.view(state.engine, complaint_id, now)
    access = guard.access_token(guard.signing_key(state.engine), complaint_id, now)
    return _page(request, "laporan.html", {
        "c": found, "access": access, "notice": notice, "error": error,
        "status_label": words.STATUS.get(found.status, found.status)}, status=status)


def _acting(request: Request, form: FormData) -> str | Response:
    """The complaint a tracking page's form acts on, or the page that refuses it."""
    state = _state(request)
    if _checked_form(request, form) is None:
        return _message(request, words.FORM_EXPIRED, status=403, link="/lacak")
    limited = _limited(request, "lookup")
    if limited is not None:
        return limited
    complaint_id = guard.check_access(guard.signing_key(state.engine),
                                      str(form.get("akses") or ""), state.now())
    if complaint_id is None:
        return _message(request, words.ACCESS_EXPIRED, status=403, link="/lacak")
    return complaint_id


@router.post("/lacak/tanggapi", response_class=HTMLResponse)
async def answer_form(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=10, max_part_size=SMALL_FORM_BYTES)
    return await run_in_threadpool(_answer, request, form)


def _answer(request: Request, form: FormData) -> Response:
    acting = _acting(request, form)
    if isinstance(acting, Response):
        return acting
    state = _state(request)
    try:
        service.answer(state.engine, acting, str(form.get("tanggapan") or ""), state.now())
    except PublicError as error:
        return _complaint_page(request, acting, None, words.ERRORS.get(error.code, words.REFUSED),
                               status=400)
    return _complaint_page(request, acting, words.ANSWERED)


@router.post("/lacak/nilai", response_class=HTMLResponse)
async def rate_form(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=10, max_part_size=SMALL_FORM_BYTES)
    return await run_in_threadpool(_rate, request, form)


def _rate(request: Request, form: FormData) -> Response:
    acting = _acting(request, form)
    if isinstance(acting, Response):
        return acting
    state = _state(request)
    text = str(form.get("nilai") or "")
    try:
        service.rate(state.engine, acting, int(text) if text.isdigit() else 0,
                     str(form.get("catatan") or ""), state.now())
    except PublicError as error:
        return _complaint_page(request, acting, None, words.ERRORS.get(error.code, words.REFUSED),
                               status=400)
    return _complaint_page(request, acting, words.RATED)
