"""The words of a refused or conflicting action's card (ui/outbox_review.py): who changed the
complaint and when, the statuses before and after (never the server's version numbers), and why
a choice is not possible."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from lapor_desk.services.outbox_review import GONE, ROLE, STATUS, ReviewItem
from lapor_desk.ui import labels, verify_labels


def who_changed(item: ReviewItem) -> str:
    """"Budi (admin) moved it from Diteruskan to Tertunda on 7 Des 14:02." (empty: unknown)."""
    change = item.changed
    if change is None:
        return ""
    who = change.by or QCoreApplication.translate("ReviewWords", "Another user")
    when = labels.when(change.at)
    if change.before and change.after:
        text = QCoreApplication.translate("ReviewWords", "%1 changed this complaint on %2: from “%3” to “%4”.")
        values = {"%1": who, "%2": when, "%3": labels.status(change.before),
                  "%4": labels.status(change.after)}
    else:
        text = QCoreApplication.translate("ReviewWords", "%1 changed this complaint on %2 (%3).")
        values = {"%1": who, "%2": when, "%3": verify_labels.action(change.kind)}
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def explanation(item: ReviewItem, server_words: str) -> str:
    """What the server said, preceded by who changed the complaint meanwhile when known."""
    who = who_changed(item)
    if who and item.state == "conflict":  # named: no "someone else"
        then = (QCoreApplication.translate(
            "ReviewWords", "Your action arrived after that, so it was not applied. Re-apply it "
            "on the new state, or drop yours.") if item.can_redo else
            QCoreApplication.translate(
                "ReviewWords", "Your action arrived after that, so it was not applied."))
        return who + "\n" + then
    return f"{who}\n{server_words}" if who else server_words


def why_not(item: ReviewItem) -> str:
    """Why "Fix & resend" / "Re-apply" cannot be used now (empty when it can)."""
    if item.blocked == GONE:
        return QCoreApplication.translate("ReviewWords", "Not possible now: the complaint is no longer on this computer (it left your "
                  "area). Your words are kept: open the text to copy them.")
    if item.blocked == STATUS:
        status = labels.status(item.here_status)
        return (QCoreApplication.translate("ReviewWords", "Not possible now: the complaint is “%1”, and “%2” is not allowed in that "
                   "status. Choose another action in the detail, or discard this one.")
                .replace("%1", status).replace("%2", verify_labels.action(item.kind)))
    if item.blocked == ROLE:
        return QCoreApplication.translate("ReviewWords", "Not possible: your role may not make this action. Discard it, or ask an "
                  "admin of your agency.")
    return ""


def comparison(item: ReviewItem) -> str:
    """What you did beside what the server holds now, in statuses (a rich-text table)."""
    server = item.server
    change = item.changed
    mine_place = item.fields.to_name or "—"
    there_place = "—"
    now = item.here_status
    if server is not None:
        there_place = " · ".join(p for p in (server.responsible_name,
                                             server.handling_unit_name) if p) or "—"
        now = server.status or now
    before = change.before if change is not None and change.before else None
    rows = [  # the action itself is the card's title
        (QCoreApplication.translate("ReviewWords", "Status"), (QCoreApplication.translate("ReviewWords", "%1 (when you acted)").replace("%1", labels.status(before))
                        if before else "—"), labels.status(now)),
        (QCoreApplication.translate("ReviewWords", "Agency / unit"), mine_place, there_place),
    ]
    if change is not None:
        who = change.by or QCoreApplication.translate("ReviewWords", "Another user")
        rows.append((QCoreApplication.translate("ReviewWords", "Changed by"), "—", f"{who}, {labels.when(change.at)}"))
    cells = "".join(
        f"<tr><td style='color:#5f6b76;padding-right:14px'>{escape(k)}</td>"
        f"<td style='padding-right:18px'>{escape(a)}</td><td>{escape(b)}</td></tr>"
        for k, a, b in rows)
    mine, there = QCoreApplication.translate("ReviewWords", "What you did"), QCoreApplication.translate("ReviewWords", "On the server now")
    return (f"<table cellspacing='0' cellpadding='3'><tr><th></th>"
            f"<th align='left'>{escape(mine)}</th>"
            f"<th align='left'>{escape(there)}</th></tr>{cells}</table>")


def kept_text(item: ReviewItem) -> str:
    """The words the action carried (a reply's or note's body, a reason, a note)."""
    f = item.fields
    return f.body or f.note or f.reason
