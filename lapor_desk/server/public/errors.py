"""The public pages' one error: :class:`PublicError`, a code the pages say in words.py's
``ERRORS`` (what went wrong and what to do next).

Codes: too_many_files, file_too_big, file_type (the uploads); not_found, closed, empty,
too_long, rating (tracking, answering, rating); unavailable (the server's configuration); and the
contact for news (contact.py): contact_invalid, contact_too_long, contact_not_offered, which the
form shows beside its field.
"""

from __future__ import annotations


class PublicError(Exception):
    def __init__(self, code: str, subject: str = "") -> None:
        super().__init__(code)
        self.code = code
        #: What it is about, when the words name it (the file refused); may be empty.
        self.subject = subject
