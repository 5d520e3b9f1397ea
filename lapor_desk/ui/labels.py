"""Words for the codes the services return (statuses, queues, types, errors...).

Lower layers return codes; sentences live here, in English, marked for translation.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, QTime

C = "Labels"

QUEUES = {
    "needs_verification": QT_TRANSLATE_NOOP("Labels", "Needs verification"),
    "not_followed_up": QT_TRANSLATE_NOOP("Labels", "Not yet followed up"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "reporter_responded": QT_TRANSLATE_NOOP("Labels", "Reporter responded"),
    "postponed": QT_TRANSLATE_NOOP("Labels", "Postponed"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "archived": QT_TRANSLATE_NOOP("Labels", "Archive"),
    "all": QT_TRANSLATE_NOOP("Labels", "All complaints"),
    "not_in_sp4n": QT_TRANSLATE_NOOP("Labels", "Not yet in SP4N-LAPOR!"),
    "outbox": QT_TRANSLATE_NOOP("Labels", "Outbox"),
    "conflicts": QT_TRANSLATE_NOOP("Labels", "Conflicts"),
}
STATUSES = {
    "unverified": QT_TRANSLATE_NOOP("Labels", "Unverified"),
    "forwarded": QT_TRANSLATE_NOOP("Labels", "Forwarded, not followed up"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "Forwarded, in progress"),
    "reporter_responded": QT_TRANSLATE_NOOP("Labels", "Reporter responded"),
    "postponed": QT_TRANSLATE_NOOP("Labels", "Postponed"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "archived": QT_TRANSLATE_NOOP("Labels", "Archived"),
}
TYPES = {
    "pengaduan": QT_TRANSLATE_NOOP("Labels", "Complaint"),
    "aspirasi": QT_TRANSLATE_NOOP("Labels", "Aspiration"),
    "permintaan_informasi": QT_TRANSLATE_NOOP("Labels", "Information request"),
}
CHANNELS = {
    "web": "Web", "sms": "SMS 1708", "whatsapp": "WhatsApp", "twitter": "X @lapor1708",
    "instagram": "Instagram", "facebook": "Facebook", "youtube": "YouTube",
    "mobile_app": QT_TRANSLATE_NOOP("Labels", "Mobile app"), "email": "Email",
    "walk_in": QT_TRANSLATE_NOOP("Labels", "Walk-in"),
    "letter": QT_TRANSLATE_NOOP("Labels", "Letter"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"), "radio": "Radio",
    "newspaper": QT_TRANSLATE_NOOP("Labels", "Newspaper"),
}
TIMELINE = {
    "submitted": QT_TRANSLATE_NOOP("Labels", "Submitted by the reporter"),
    "record_complaint": QT_TRANSLATE_NOOP("Labels", "Recorded by an admin"),
    "forward": QT_TRANSLATE_NOOP("Labels", "Forwarded"),
    "handle": QT_TRANSLATE_NOOP("Labels", "Handled by the agency itself"),
    "postpone": QT_TRANSLATE_NOOP("Labels", "Postponed"),
    "not_our_authority": QT_TRANSLATE_NOOP("Labels", "Returned: not our authority"),
    "archive": QT_TRANSLATE_NOOP("Labels", "Archived"),
    "reroute": QT_TRANSLATE_NOOP("Labels", "Rerouted"),
    "close": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "reopen": QT_TRANSLATE_NOOP("Labels", "Reopened"),
    "auto_close": QT_TRANSLATE_NOOP("Labels", "Closed automatically"),
    "reply": QT_TRANSLATE_NOOP("Labels", "Follow-up reply"),
    "internal_note": QT_TRANSLATE_NOOP("Labels", "Internal note"),
    "reporter_response": QT_TRANSLATE_NOOP("Labels", "Reporter's response"),
    "link_duplicate": QT_TRANSLATE_NOOP("Labels", "Linked as duplicate"),
    "unlink_duplicate": QT_TRANSLATE_NOOP("Labels", "Duplicate link removed"),
    "national_update": QT_TRANSLATE_NOOP("Labels", "Updated from SP4N-LAPOR!"),
}
ERRORS = {
    "offline": QT_TRANSLATE_NOOP("Labels", "Cannot reach the server. Your work is kept and "
                                 "will be sent at the next sync."),
    "timeout": QT_TRANSLATE_NOOP("Labels", "The server did not answer in time."),
    "no_answer": QT_TRANSLATE_NOOP("Labels", "The server stopped answering. Your work is kept "
                                   "and is sent as soon as it answers again."),
    "bad_credentials": QT_TRANSLATE_NOOP("Labels", "The user name or password is wrong."),
    "account_disabled": QT_TRANSLATE_NOOP("Labels", "This account is disabled. Ask your "
                                          "administrator."),
    "token_expired": QT_TRANSLATE_NOOP("Labels", "Your session has expired. Please sign in "
                                       "again."),
    "token_revoked": QT_TRANSLATE_NOOP("Labels", "Your session was ended. Please sign in "
                                       "again."),
    "auth_required": QT_TRANSLATE_NOOP("Labels", "Please sign in."),
    "too_many_requests": QT_TRANSLATE_NOOP("Labels", "Too many attempts. Wait a few minutes "
                                           "and try again."),
    "server_error": QT_TRANSLATE_NOOP("Labels", "The server has a problem right now. Try "
                                      "again later; nothing was lost."),
    "invalid_transition": QT_TRANSLATE_NOOP("Labels", "This action is not possible in the "
                                            "complaint's current status."),
    "role_not_allowed": QT_TRANSLATE_NOOP("Labels", "Your role may not do this."),
    "out_of_scope": QT_TRANSLATE_NOOP("Labels", "This complaint is outside your area."),
    "target_not_allowed": QT_TRANSLATE_NOOP("Labels", "The complaint cannot be forwarded "
                                            "there."),
    "reason_required": QT_TRANSLATE_NOOP("Labels", "Please give a reason."),
    "invalid_payload": QT_TRANSLATE_NOOP("Labels", "Something in the form is missing or "
                                         "invalid."),
    "not_found": QT_TRANSLATE_NOOP("Labels", "The complaint is no longer in your list."),
    "attachment_missing": QT_TRANSLATE_NOOP("Labels", "An attached file is not on this "
                                            "computer (any more). Attach it again."),
    "demo_failed": QT_TRANSLATE_NOOP("Labels", "The demo server could not be started."),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Sync stopped. What was received is kept; the "
                                   "next sync continues from there."),
    "account_revoked": QT_TRANSLATE_NOOP(
        "Labels", "This account was disabled on the server, so its data was removed from this "
        "computer. Ask your administrator."),
    "unsynced_work": QT_TRANSLATE_NOOP(
        "Labels", "Sync or resolve the unsynced work first, or confirm that it may be deleted."),
    # The copy cannot be read: it may hold work not yet sent, so never a word of deleting it.
    "cache_key_missing": QT_TRANSLATE_NOOP(
        "Labels", "The key that unlocks this computer's copy of your data is missing from the "
        "system keyring (was the keyring reset, or is this another user account?). The copy "
        "may hold work not yet sent: keep its folder, make a copy of it, and contact your IT "
        "support. It opens again once its key is back in the keyring."),
    "cache_key_wrong": QT_TRANSLATE_NOOP(
        "Labels", "The key in the system keyring does not open this computer's copy of your "
        "data (was the keyring reset, or the folder copied from another computer?). The copy "
        "may hold work not yet sent: keep its folder, make a copy of it, and contact your IT "
        "support. It opens again with its own key."),
    # The disk under the profile (models/storage.py): what was saved stays.
    "disk_full": QT_TRANSLATE_NOOP(
        "Labels", "There is no free space left on the drive where LAPOR Desk keeps your data. "
        "Free some space there (empty the Recycle Bin, move or delete large files you no "
        "longer need), then try again. What was already saved is kept, and a sync continues "
        "where it stopped."),
    "disk_limit": QT_TRANSLATE_NOOP(
        "Labels", "This computer does not let LAPOR Desk write more data (a file size limit or "
        "storage quota of your account). Ask your IT support to raise the limit or free some "
        "space, then try again. What was already saved is kept."),
    "disk_read_only": QT_TRANSLATE_NOOP(
        "Labels", "The drive where LAPOR Desk keeps your data has become read-only (it may be "
        "write-protected, or the system locked it after disk errors), so nothing can be saved. "
        "Close LAPOR Desk and have the disk checked by your IT support. Do not delete the LAPOR "
        "Desk folder: it may hold work not yet sent."),
    "disk_no_access": QT_TRANSLATE_NOOP(
        "Labels", "LAPOR Desk may not read or write its data folder (a missing permission). "
        "Ask your IT support to give your account access to it, then try again. Do not delete "
        "the folder: it may hold work not yet sent."),
    "disk_error": QT_TRANSLATE_NOOP(
        "Labels", "The disk where LAPOR Desk keeps your data reported a read or write error. "
        "Do not delete the LAPOR Desk folder: it may hold work not yet sent. Make a copy of it "
        "if you can and contact your IT support to have the disk checked."),
    "cache_damaged": QT_TRANSLATE_NOOP(
        "Labels", "This computer's copy of your data is damaged and cannot be read. Do not "
        "delete it: it may hold work not yet sent. Make a copy of its folder and contact your "
        "IT support or the LAPOR! help desk."),
    "keyring_unavailable": QT_TRANSLATE_NOOP(
        "Labels", "No system keyring is available to keep this computer's data encrypted. Ask "
        "your IT support to enable it (on Linux: GNOME Keyring or KWallet)."),
    "cache_encrypt_failed": QT_TRANSLATE_NOOP(
        "Labels", "This computer's copy of your data could not be encrypted. Nothing was "
        "changed; try again, and report it if it happens again."),
    "plain_http": QT_TRANSLATE_NOOP(
        "Labels", "This server address starts with http://, which would send your password and "
        "the complaints unprotected over the network. Use the address that starts with "
        "https:// (ask your administrator if you do not know it)."),
    "training_not_local": QT_TRANSLATE_NOOP(
        "Labels", "A training address (bimtek://) is the facilitator's computer on this room's "
        "network, typed as shown on the facilitator's screen, e.g. bimtek://192.168.1.10:8717."),
    "not_training_server": QT_TRANSLATE_NOOP(
        "Labels", "This address is not a training server, so your password was not sent. Check "
        "the address on the facilitator's screen."),
    "invalid_address": QT_TRANSLATE_NOOP(
        "Labels", "This is not a server address. Type it like https://lapor.example.go.id."),
    "invalid_response": QT_TRANSLATE_NOOP(
        "Labels", "The server sent data this computer cannot accept, so none of it was saved. "
        "Sync again later; if it happens again, save the diagnostics (Help menu) and send them "
        "to your administrator."),
    "wipe_incomplete": QT_TRANSLATE_NOOP(
        "Labels", "Some files of this computer's copy could not be deleted; they can no longer "
        "be read. Close other programs and sign out again."),
}

#: What is wrong with a value of a refused action (``field:code`` from models/validation.py).
ACTION_PROBLEMS = {
    "note:too_long": QT_TRANSLATE_NOOP("Labels", "The note is too long: at most 20,000 "
                                       "characters. Shorten it and try again."),
    "reason:too_long": QT_TRANSLATE_NOOP("Labels", "The reason is too long: at most 20,000 "
                                         "characters. Shorten it and try again."),
    "body:too_long": QT_TRANSLATE_NOOP("Labels", "The text is too long: at most 20,000 "
                                       "characters. Shorten it, or attach the rest as a file."),
    "reason:required": QT_TRANSLATE_NOOP("Labels", "Please give a reason."),
    "note:required": QT_TRANSLATE_NOOP("Labels", "For the reason “Other”, write a note that "
                                       "explains it."),
    "body:required": QT_TRANSLATE_NOOP("Labels", "The text is empty. Write the reply or note "
                                       "first (invisible characters do not count)."),
    "reason_code:required": QT_TRANSLATE_NOOP("Labels", "Choose a reason from the list."),
    "reason_code:invalid": QT_TRANSLATE_NOOP("Labels", "Choose a reason from the list."),
    "until:past": QT_TRANSLATE_NOOP("Labels", "The day to look at it again has already come: "
                                    "choose a day after today."),
    "until:too_far": QT_TRANSLATE_NOOP("Labels", "That day is too far ahead for a "
                                       "postponement: choose a nearer day."),
    "until:invalid": QT_TRANSLATE_NOOP("Labels", "Choose the day from the calendar."),
    "to_id:required": QT_TRANSLATE_NOOP("Labels", "Choose where the complaint goes."),
    "to_id:invalid": QT_TRANSLATE_NOOP("Labels", "Choose where the complaint goes."),
    "attachments:too_many": QT_TRANSLATE_NOOP("Labels", "At most 20 files can be attached. "
                                              "Remove some and try again."),
    "attachments.size:too_large": QT_TRANSLATE_NOOP("Labels", "A file is larger than 25 MB. "
                                                    "Make it smaller (e.g. a lower photo "
                                                    "resolution) and attach it again."),
    "attachments.filename:required": QT_TRANSLATE_NOOP(
        "Labels", "An attached file has no usable name. Rename the file and attach it again."),
    "attachments.filename:too_long": QT_TRANSLATE_NOOP(
        "Labels", "An attached file's name is longer than 255 characters. Rename the file and "
                  "attach it again."),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(C, text)


def _lookup(table: dict[str, object], code: str | None) -> str:
    """``table``'s words for ``code`` (QT_TRANSLATE_NOOP marks them: typed as objects)."""
    if not code:
        return ""
    text = table.get(code)
    return _t(str(text)) if text is not None else code.replace("_", " ")


def queue(code: str) -> str:
    return _lookup(QUEUES, code)


def status(code: str | None) -> str:
    return _lookup(STATUSES, code)


def complaint_type(code: str | None) -> str:
    return _lookup(TYPES, code)


def channel(code: str | None) -> str:
    return _lookup(CHANNELS, code)


def timeline(code: str) -> str:
    return _lookup(TIMELINE, code)


def complaint_title(title: str) -> str:
    """A complaint's title, or words saying it is hidden: a rahasia complaint arrives with an
    empty title for a user who may not read it (every real title has a few characters)."""
    if title:
        return title
    return QCoreApplication.translate("Labels", "Confidential complaint (title hidden)")


def error(code: str | None) -> str:
    text = ERRORS.get(code or "")
    if text is not None:
        return _t(str(text))
    return QCoreApplication.translate("Labels", "Something went wrong (%1).").replace("%1", code or "?")


def error_text(exc: BaseException) -> str:
    """What an error means, with the bad values of a refused action named when it has them
    (``problems``: ``(field, code)`` pairs); otherwise the words of its ``code``."""
    problems = getattr(exc, "problems", ()) or ()
    words = [ACTION_PROBLEMS.get(f"{name}:{code}") for name, code in problems]
    if words and all(words):
        return " ".join(dict.fromkeys(_t(str(w)) for w in words))
    return error(getattr(exc, "code", None))


def error_message(exc: BaseException) -> str:
    """What to tell the person about ``exc``: what it means (:func:`error_text`) and, for an
    error about the profile's folder (a full disk, a lost key), which folder and drive."""
    text = error_text(exc)
    folder, drive = getattr(exc, "folder", None), getattr(exc, "drive", None)
    if not folder:
        return text
    where = (QCoreApplication.translate("Labels", "Folder: %1 (drive %2)") if drive
             else QCoreApplication.translate("Labels", "Folder: %1"))
    values = {"%1": str(folder), "%2": str(drive or "")}
    return text + " " + re.sub(r"%[12]", lambda m: values[m.group(0)], where)


def when(moment: datetime | None) -> str:
    """A local date and time, in the user's language."""
    if moment is None:
        return "—"
    local = moment.astimezone()
    shown = QDateTime(qdate(local.date()), QTime(local.hour, local.minute, local.second))
    return QLocale().toString(shown, "d MMM yyyy HH:mm")


def day(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return QLocale().toString(qdate(moment.astimezone().date()), "d MMM yyyy")


def day_of(value: date) -> str:
    """A calendar day (no time, no zone), in the user's language."""
    return QLocale().toString(qdate(value), "ddd, d MMM yyyy")


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def working_days() -> str:
    """What "HK" stands for, said wherever a count of working days is shown."""
    return QCoreApplication.translate(
        "Labels", "WD: working days, Monday to Friday, not counting national holidays and "
                  "collective leave days")
