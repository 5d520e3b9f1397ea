"""Every limit of the shared validation fits the server's column that stores the value, and the
largest valid action fits a push: what the desktop accepts, the database can hold (PostgreSQL
enforces ``VARCHAR(n)``; SQLite does not, so only this comparison catches a drift there)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from sqlalchemy import String, Text

from lapor_desk.models import intake, validation
from lapor_desk.models.categories import taxonomy
from lapor_desk.models.enums import ActionKind, Channel, ComplaintType, RejectReason
from lapor_desk.server import db
from lapor_desk.server.settings import ServerSettings
from lapor_desk.sync.pushing import MAX_BATCH_BYTES

_TAX = taxonomy()
LONGEST_CATEGORY = max(len(name) for name in _TAX.tree)
LONGEST_SUBCATEGORY = max((len(s) for subs in _TAX.tree.values() for s in subs), default=0)

#: (table, column) -> the longest value the validation lets through, in characters.
LIMITS: dict[tuple[Any, str], int] = {
    (db.Complaint, "id"): validation.ID_MAX,
    (db.Complaint, "title"): intake.TITLE_MAX,
    (db.Complaint, "province"): intake.PLACE_MAX,
    (db.Complaint, "regency"): intake.PLACE_MAX,
    (db.Complaint, "district"): intake.PLACE_MAX,
    (db.Complaint, "village"): intake.PLACE_MAX,
    (db.Complaint, "category"): LONGEST_CATEGORY,
    (db.Complaint, "subcategory"): LONGEST_SUBCATEGORY,
    (db.Complaint, "channel"): max(len(c) for c in Channel),
    (db.Complaint, "complaint_type"): max(len(t) for t in ComplaintType),
    (db.Reporter, "name"): intake.NAME_MAX,
    (db.Reporter, "nik"): 16,
    (db.Reporter, "phone"): 16,  # "+" and at most 15 digits
    (db.Reporter, "email"): intake.EMAIL_MAX,
    (db.Disposition, "id"): validation.ID_MAX,
    (db.Disposition, "kind"): max(len(k) for k in ActionKind),
    (db.FollowUp, "id"): validation.ID_MAX,
    (db.Attachment, "id"): validation.ID_MAX,
    (db.Attachment, "follow_up_id"): validation.ID_MAX,
    (db.Attachment, "sha256"): 64,
    (db.Attachment, "mime_type"): validation.MIME_MAX,
    (db.Attachment, "filename"): validation.FILENAME_MAX,
    (db.ComplaintEvent, "kind"): max(len(k) for k in ActionKind),
    (db.MutationResult, "complaint_id"): validation.ID_MAX,
    (db.MutationResult, "reason"): max(len(r) for r in RejectReason),
    (db.User, "display_name"): 120,  # server/services/users.py::create_user
}
#: Long texts: unbounded columns, bounded by the validation.
TEXTS = [(db.Complaint, "body"), (db.Disposition, "note"), (db.FollowUp, "body"),
         (db.MutationResult, "detail")]


@pytest.mark.parametrize(("table", "column"), sorted(LIMITS, key=lambda k: (k[0].__name__, k[1])))
def test_each_limit_fits_its_column(table: Any, column: str) -> None:
    kind = table.__table__.c[column].type
    assert isinstance(kind, String) and kind.length is not None, (table, column)
    assert LIMITS[(table, column)] <= kind.length, (table.__tablename__, column)


@pytest.mark.parametrize(("table", "column"), TEXTS)
def test_long_texts_go_to_unbounded_columns(table: Any, column: str) -> None:
    assert isinstance(table.__table__.c[column].type, Text)


def test_the_largest_valid_action_fits_a_push() -> None:
    wide = "\U0001F600"  # 4 bytes in UTF-8
    attachment = {"id": "x" * validation.ID_MAX, "sha256": "a" * 64,
                  "size": validation.MAX_ATTACHMENT_BYTES, "mime_type": "m" * validation.MIME_MAX,
                  "filename": wide * validation.FILENAME_MAX}
    payload = {"complaint": {
        "title": wide * intake.TITLE_MAX, "body": wide * intake.BODY_MAX,
        **{place: wide * intake.PLACE_MAX for place in ("province", "regency", "district",
                                                        "village")},
        "tags": [wide * intake.TAG_MAX] * intake.TAGS_MAX,
        "reporter": {"name": wide * intake.NAME_MAX, "email": "e" * intake.EMAIL_MAX},
    }, "attachments": [attachment] * validation.MAX_ATTACHMENTS}
    size = len(orjson.dumps({"mutation_id": 2**62, "kind": "record_complaint",
                             "complaint_id": "x" * 36, "base_version": None, "payload": payload}))
    assert size < MAX_BATCH_BYTES < ServerSettings(database_url="sqlite://").max_push_bytes
