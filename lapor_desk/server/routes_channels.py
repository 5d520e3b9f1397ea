"""The webhooks of the channels a pemda runs itself (server/channels/). Not part of the sync
wire nor of the API document; each answers 404 until its channel is configured.

    GET  /channels/whatsapp   Meta's verification handshake (hub.mode, hub.verify_token,
                              hub.challenge)
    POST /channels/whatsapp   WhatsApp Business Cloud API notifications, X-Hub-Signature-256
    POST /channels/sms        an SMS gateway's messages (channels/sms.py), Bearer token
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse, Response

from lapor_desk.models.intake import IntakeError
from lapor_desk.server.auth import server_state
from lapor_desk.server.blobs import BlobStore
from lapor_desk.server.channels import sms, whatsapp
from lapor_desk.server.channels.intake import ChannelsOff, take_in
from lapor_desk.server.errors import error_response
from lapor_desk.server.logs import event
from lapor_desk.server.metrics import server_metrics
from lapor_desk.server.responses import json_response

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

WHATSAPP = "/channels/whatsapp"
SMS = "/channels/sms"
#: Request bodies (server/body_limit.py): Meta batches notifications; an SMS is short.
WHATSAPP_BODY_BYTES = 512 * 1024
SMS_BODY_BYTES = 32 * 1024


def _blob_root(request: Request) -> Any:
    store: BlobStore = request.app.state.blobs
    return store.root


def _off(request: Request) -> Response:
    return error_response(request, 404, "not_found", "this channel is not configured")


@router.get(WHATSAPP)
def whatsapp_verify(request: Request) -> Response:
    settings = server_state(request).settings
    if not settings.whatsapp_verify_token:
        return _off(request)
    params = request.query_params
    challenge = whatsapp.verify_handshake(settings, params.get("hub.mode"),
                                          params.get("hub.verify_token"),
                                          params.get("hub.challenge"))
    if challenge is None:
        return error_response(request, 403, "forbidden", "the verify token does not match")
    return PlainTextResponse(challenge)


@router.post(WHATSAPP)
async def whatsapp_notification(request: Request) -> Response:
    state = server_state(request)
    settings = state.settings
    if not settings.whatsapp_app_secret:
        return _off(request)
    body = await request.body()
    if not whatsapp.signature_ok(settings.whatsapp_app_secret, body,
                                 request.headers.get(whatsapp.SIGNATURE_HEADER)):
        event(log, "whatsapp_signature_refused", logging.WARNING)
        return error_response(request, 401, "auth_required",
                              "X-Hub-Signature-256 is missing or does not match the body")
    try:
        payload = json.loads(body)
    except ValueError:
        return error_response(request, 400, "invalid_request", "the body is not JSON")
    media = whatsapp.GraphMedia(settings)
    try:
        outcomes = await run_in_threadpool(whatsapp.receive, state.engine, _blob_root(request),
                                           settings, payload, media, state.now)
    except whatsapp.MediaUnavailable as error:
        event(log, "whatsapp_media_unavailable", logging.WARNING, reason=str(error)[:200])
        return error_response(request, 502, "unavailable",
                              "a message's media could not be fetched; send it again later")
    except ChannelsOff as error:
        return error_response(request, 503, "unavailable", str(error))
    except ValueError as error:
        server_metrics(request).channel_message("whatsapp", "rejected")
        return error_response(request, 422, "invalid_request", str(error))
    for outcome in outcomes:
        server_metrics(request).channel_message("whatsapp", outcome.kind)
    return json_response(request, {"outcomes": [
        {"outcome": o.kind, "tracking_number": o.tracking_number} for o in outcomes]})


@router.post(SMS)
async def sms_message(request: Request) -> Response:
    state = server_state(request)
    settings = state.settings
    if not settings.sms_token:
        return _off(request)
    if not sms.token_ok(settings, request.headers.get("Authorization")):
        return error_response(request, 401, "auth_required", "the gateway's token is missing "
                              "or wrong (Authorization: Bearer <[sms] token>)")
    body = await request.body()
    try:
        fields = _fields(body, request.headers.get("Content-Type", ""))
        now = state.now()
        inbound = sms.inbound_of(fields, now)
        outcome = await run_in_threadpool(take_in, state.engine, _blob_root(request), settings,
                                          inbound, now)
    except (sms.BadSms, IntakeError) as error:
        server_metrics(request).channel_message("sms", "rejected")
        return error_response(request, 422, "invalid_request", str(error))
    except ChannelsOff as error:
        return error_response(request, 503, "unavailable", str(error))
    server_metrics(request).channel_message("sms", outcome.kind)
    return json_response(request, {"outcome": outcome.kind,
                                   "tracking_number": outcome.tracking_number})


def _fields(body: bytes, content_type: str) -> dict[str, Any]:
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    try:
        fields = json.loads(body)
    except ValueError:
        raise sms.BadSms("the body is neither JSON nor a form") from None
    if not isinstance(fields, dict):
        raise sms.BadSms("the body is a JSON object")
    return fields
