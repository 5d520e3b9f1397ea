"""One round of sending: claim the due messages, route, word and send each, record the outcome.

Every worker may run rounds at the same time (the housekeeping loop, ``lapor-server notify
send``): a message is claimed by one of them (``queue.claim``) and its outcome recorded only
by that claim. A message no channel may carry is ``skipped`` with the reason (an anonim reporter
who gave no contact for replies, no contact at all, a channel not configured): it is never
tried again, also not once the channel is configured later.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.server.logs import event
from lapor_desk.server.notify import queue
from lapor_desk.server.notify.routes import EMAIL, SMS, WHATSAPP, route_for
from lapor_desk.server.notify.senders import (
    EmailSender,
    Outgoing,
    Sender,
    SendFailed,
    SmsSender,
    WhatsAppSender,
)
from lapor_desk.server.notify.templates import Templates, load_templates
from lapor_desk.server.settings import ServerSettings

log = logging.getLogger(__name__)

CHANNEL_OFF = "channel_off"


@dataclass
class Notifier:
    """What a round needs: the templates, a sender per configured channel, the limits."""

    templates: Templates
    senders: Mapping[str, Sender]
    tracking_url: str = ""
    max_attempts: int = 8
    batch: int = 20
    counts: Counter[str] = field(default_factory=Counter)
    #: Told each outcome: ``(channel or "none", "sent" | "retry" | "failed" | "skipped")``
    #: (the server's metrics).
    observe: Callable[[str, str], None] | None = None

    @classmethod
    def from_settings(cls, settings: ServerSettings) -> Notifier:
        return cls(load_templates(settings.notify_templates), senders_of(settings),
                   settings.notify_tracking_url, settings.notify_max_attempts)

    def run_round(self, engine: Engine, clock: Callable[[], datetime]) -> Counter[str]:
        """Send what is due, batch after batch, until nothing is. Returns the outcomes counted
        (``sent``, ``pending`` (to retry), ``failed``, ``skipped``)."""
        outcomes: Counter[str] = Counter()
        while True:
            claimed = queue.claim(engine, clock(), self.batch)
            for message in claimed:
                channel, outcome = self._one(engine, message, clock)
                outcomes[outcome] += 1
                if self.observe is not None and outcome != queue.LOST:
                    self.observe(channel, "retry" if outcome == queue.PENDING else outcome)
            if len(claimed) < self.batch:
                break
        if outcomes:
            self.counts.update(outcomes)
            event(log, "notify_round", sent=outcomes[queue.SENT],
                  retry=outcomes[queue.PENDING], failed=outcomes[queue.FAILED],
                  skipped=outcomes[queue.SKIPPED])
        return outcomes

    def _one(self, engine: Engine, message: queue.Claimed,
             clock: Callable[[], datetime]) -> tuple[str, str]:
        with Session(engine) as session:
            route, reason, facts = route_for(session, message.complaint_id)
        if route is None or facts is None:
            queue.mark_skipped(engine, message, reason)
            return "none", queue.SKIPPED
        sender = self.senders.get(route.channel)
        queue.mark_routed(engine, message, route.channel, route.address)
        if sender is None:
            queue.mark_skipped(engine, message, f"{CHANNEL_OFF}:{route.channel}")
            return route.channel, queue.SKIPPED
        values = {"nomor": str(facts.tracking_number), "judul": facts.title,
                  "unit": str(message.params.get("unit", "")),
                  "tanggapan": str(message.params.get("reply", "")),
                  "tautan": self.tracking_url}
        rendered = self.templates.render(message.kind, values)
        text = rendered.sms if route.channel == SMS else rendered.body
        try:
            try:
                provider_id = sender.send(
                    Outgoing(message.id, route.address, rendered.subject, text))
            except SendFailed:
                raise
            except Exception as unexpected:  # counted as an attempt, retried
                raise SendFailed(f"{type(unexpected).__name__}: {unexpected}") from unexpected
        except SendFailed as error:
            status = queue.mark_failed(engine, message, clock(), str(error),
                                       permanent=error.permanent, max_attempts=self.max_attempts)
            event(log, "notify_failed", logging.WARNING, id=message.id, channel=route.channel,
                  attempt=message.attempts, status=status, error=str(error)[:300])
            return route.channel, status
        if not queue.mark_sent(engine, message, clock(), provider_id):
            event(log, "notify_claim_lost", logging.WARNING, id=message.id)
            return route.channel, queue.LOST
        event(log, "notify_sent", id=message.id, channel=route.channel, kind=message.kind)
        return route.channel, queue.SENT


def senders_of(settings: ServerSettings) -> dict[str, Sender]:
    """A sender for each channel whose keys are set; none is on by default."""
    senders: dict[str, Sender] = {}
    if settings.smtp_host and settings.email_from:
        senders[EMAIL] = EmailSender(settings.smtp_host, settings.smtp_port, settings.email_from,
                                     settings.smtp_security, settings.smtp_username,
                                     settings.smtp_password, settings.email_reply_to)
    if settings.whatsapp_phone_number_id and settings.whatsapp_access_token:
        senders[WHATSAPP] = WhatsAppSender(
            settings.whatsapp_graph_url, settings.whatsapp_phone_number_id,
            settings.whatsapp_access_token, settings.whatsapp_template,
            settings.whatsapp_template_language)
    if settings.sms_url:
        senders[SMS] = SmsSender(settings.sms_url, settings.sms_username, settings.sms_password)
    return senders
