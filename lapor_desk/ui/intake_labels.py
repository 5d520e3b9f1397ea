"""Words for the intake codes: field names, field problems, register-file problems.

The services return codes (``title`` + ``too_short``); sentences live here, in English, marked for
translation (the Indonesian wording is in resources/translations/strings_intake.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

C = "IntakeLabels"

FIELDS = {
    "complaint_type": QT_TRANSLATE_NOOP("IntakeLabels", "Type"),
    "misconduct": QT_TRANSLATE_NOOP("IntakeLabels", "Involves misconduct"),
    "title": QT_TRANSLATE_NOOP("IntakeLabels", "Title"),
    "body": QT_TRANSLATE_NOOP("IntakeLabels", "Chronology"),
    "incident_date": QT_TRANSLATE_NOOP("IntakeLabels", "Incident date"),
    "received_at": QT_TRANSLATE_NOOP("IntakeLabels", "Received"),
    "letter_number": QT_TRANSLATE_NOOP("IntakeLabels", "Letter number"),
    "letter_date": QT_TRANSLATE_NOOP("IntakeLabels", "Letter date"),
    "province": QT_TRANSLATE_NOOP("IntakeLabels", "Province"),
    "regency": QT_TRANSLATE_NOOP("IntakeLabels", "Regency/city"),
    "district": QT_TRANSLATE_NOOP("IntakeLabels", "District"),
    "village": QT_TRANSLATE_NOOP("IntakeLabels", "Village"),
    "category": QT_TRANSLATE_NOOP("IntakeLabels", "Category"),
    "subcategory": QT_TRANSLATE_NOOP("IntakeLabels", "Sub-category"),
    "channel": QT_TRANSLATE_NOOP("IntakeLabels", "Channel"),
    "anonymous": QT_TRANSLATE_NOOP("IntakeLabels", "Anonymous"),
    "confidential": QT_TRANSLATE_NOOP("IntakeLabels", "Confidential"),
    "reporter": QT_TRANSLATE_NOOP("IntakeLabels", "Reporter"),
    "reporter.name": QT_TRANSLATE_NOOP("IntakeLabels", "Reporter's name"),
    "reporter.nik": QT_TRANSLATE_NOOP("IntakeLabels", "NIK"),
    "reporter.phone": QT_TRANSLATE_NOOP("IntakeLabels", "Phone"),
    "reporter.email": QT_TRANSLATE_NOOP("IntakeLabels", "Email"),
    "tags": QT_TRANSLATE_NOOP("IntakeLabels", "Tags"),
    "national_tracking_number": QT_TRANSLATE_NOOP("IntakeLabels", "SP4N-LAPOR! number"),
    "national_status": QT_TRANSLATE_NOOP("IntakeLabels", "Status in SP4N-LAPOR!"),
    "national_reply": QT_TRANSLATE_NOOP("IntakeLabels", "Follow-up in SP4N-LAPOR!"),
    "national_reply_at": QT_TRANSLATE_NOOP("IntakeLabels", "Follow-up date"),
    "national_response": QT_TRANSLATE_NOOP("IntakeLabels", "Reporter's response in "
                                           "SP4N-LAPOR!"),
    "national_response_at": QT_TRANSLATE_NOOP("IntakeLabels", "Response date"),
}

#: (field, code) first, then code alone.
PROBLEMS: dict[tuple[str, str] | str, object] = {
    ("title", "too_short"): QT_TRANSLATE_NOOP("IntakeLabels", "Write a title of at least 5 "
                                              "characters."),
    ("body", "too_short"): QT_TRANSLATE_NOOP("IntakeLabels", "Write at least 10 characters: "
                                             "what happened, where and when."),
    ("reporter.nik", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "A NIK has exactly 16 "
                                                   "digits."),
    ("reporter.phone", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "Write the number with 8 "
                                                     "to 15 digits, e.g. 081234567890."),
    ("reporter.email", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "This is not an email "
                                                     "address."),
    ("reporter.name", "required"): QT_TRANSLATE_NOOP("IntakeLabels", "Write the reporter's "
                                                     "name, or mark the complaint anonymous."),
    ("misconduct", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "Only a complaint (pengaduan) "
                                                 "can involve misconduct."),
    ("category", "unknown"): QT_TRANSLATE_NOOP("IntakeLabels", "Pick a category from the list."),
    ("subcategory", "unknown"): QT_TRANSLATE_NOOP("IntakeLabels", "Pick a sub-category of the "
                                                  "chosen category from the list."),
    ("channel", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "Unknown channel."),
    ("incident_date", "future"): QT_TRANSLATE_NOOP("IntakeLabels", "The date cannot be in the "
                                                   "future."),
    ("received_at", "future"): QT_TRANSLATE_NOOP("IntakeLabels", "The date cannot be in the "
                                                 "future."),
    ("received_at", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "Write a date from the year "
                                                  "2000 on, e.g. 31/12/2025 or 2025-12-31."),
    ("incident_date", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "Write a date from the "
                                                    "year 2000 on, e.g. 31/12/2025 or "
                                                    "2025-12-31."),
    ("reporter.email", "too_long"): QT_TRANSLATE_NOOP("IntakeLabels", "An email address has "
                                                      "at most 255 characters."),
    # a national record that the status machine cannot take (sync/national_rows.py)
    ("national_status", "not_reachable"): QT_TRANSLATE_NOOP(
        "IntakeLabels", "The complaint cannot reach this status here yet (Selesai needs it "
        "verified, forwarded and answered first): handle it, then import again."),
    ("national_status", "unknown"): QT_TRANSLATE_NOOP(
        "IntakeLabels", "Not a status of SP4N-LAPOR! (e.g. Selesai, Sedang Diproses)."),
    ("national_reply", "not_reachable"): QT_TRANSLATE_NOOP(
        "IntakeLabels", "A follow-up can be added only once the complaint is forwarded here: "
        "verify and forward it, then import again."),
    ("national_response", "not_reachable"): QT_TRANSLATE_NOOP(
        "IntakeLabels", "The complaint is finished here: reopen it first to add the reporter's "
        "response."),
    ("national_tracking_number", "role_not_allowed"): QT_TRANSLATE_NOOP(
        "IntakeLabels", "Only an agency admin may take in records from SP4N-LAPOR!."),
    ("national_reply_at", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "Write a date from "
                                                        "the year 2000 on, e.g. 31/12/2025 or "
                                                        "2025-12-31."),
    ("national_response_at", "invalid"): QT_TRANSLATE_NOOP("IntakeLabels", "Write a date from "
                                                           "the year 2000 on, e.g. 31/12/2025 "
                                                           "or 2025-12-31."),
    ("national_tracking_number", "invalid"): QT_TRANSLATE_NOOP(
        "IntakeLabels", "Write the SP4N-LAPOR! number in digits, e.g. 7312345."),
    "required": QT_TRANSLATE_NOOP("IntakeLabels", "Required."),
    "too_long": QT_TRANSLATE_NOOP("IntakeLabels", "Too long."),
    "too_short": QT_TRANSLATE_NOOP("IntakeLabels", "Too short."),
    "invalid": QT_TRANSLATE_NOOP("IntakeLabels", "Not valid."),
    "unknown": QT_TRANSLATE_NOOP("IntakeLabels", "Not in the list."),
    "future": QT_TRANSLATE_NOOP("IntakeLabels", "Cannot be in the future."),
}

FILE_PROBLEMS = {
    "empty": QT_TRANSLATE_NOOP("IntakeLabels", "The file is empty or has no rows under the "
                               "header."),
    "bad_encoding": QT_TRANSLATE_NOOP("IntakeLabels", "The file is not UTF-8 text. In Excel, "
                                      "save it as “CSV UTF-8”."),
    "not_tabular": QT_TRANSLATE_NOOP("IntakeLabels", "The file cannot be read as CSV or "
                                     "XLSX."),
    "unsupported_type": QT_TRANSLATE_NOOP("IntakeLabels", "Only CSV (UTF-8) and XLSX files can "
                                          "be imported."),
    "too_large": QT_TRANSLATE_NOOP("IntakeLabels", "The file is too large (at most 20 MB and "
                                   "10,000 rows). Split it."),
    "unreadable": QT_TRANSLATE_NOOP("IntakeLabels", "The file cannot be opened."),
    "no_known_columns": QT_TRANSLATE_NOOP("IntakeLabels", "No known column names in the first "
                                          "row (e.g. judul, isi, kanal)."),
    "invalid_rows": QT_TRANSLATE_NOOP("IntakeLabels", "Some rows are not valid; nothing was "
                                      "imported."),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(C, text)


def field(name: str) -> str:
    text = FIELDS.get(name)
    return _t(str(text)) if text is not None else name


def problem(name: str, code: str) -> str:
    text = PROBLEMS.get((name, code)) or PROBLEMS.get(code)
    return _t(str(text)) if text is not None else code


def row_problem(name: str, code: str) -> str:
    """A problem in a register row: the field's name, then what is wrong."""
    return f"{field(name)}: {problem(name, code)}"


def file_problem(code: str) -> str:
    text = FILE_PROBLEMS.get(code)
    if text is not None:
        return _t(str(text))
    return QCoreApplication.translate("IntakeLabels", "The file cannot be imported (%1).").replace(
        "%1", code)
