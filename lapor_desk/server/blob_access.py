"""Who may use a blob: the one rule behind downloads and behind attachments named in actions.

A user may use (download, or name in an action's ``attachments``) the content with hash ``h``
when they uploaded it completely themselves (a complete ``blob_uploads`` row: knowing a hash is
not possession), or when an attachment with hash ``h`` sits on a complaint they may see and read
unredacted (``scope.Viewer``'s clauses). Nothing else: in particular, the answer never depends on
whether somebody else holds the content, so it tells nobody that a file exists on the server.

The statements are built once per shape of viewer (``Viewer.kind`` and dialect) and given the
viewer's values as parameters: a pushed batch checks the attachments of each action with one
cheap query (the caller's own uploads), and a second one only for what that did not cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    bindparam,
    exists,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from lapor_desk.models.lifecycle import AttachmentRef
from lapor_desk.server.db import Attachment, Blob, BlobUpload
from lapor_desk.server.scope import COMPLAINTS, Viewer

BLOBS = cast(Table, Blob.__table__)
UPLOADS = cast(Table, BlobUpload.__table__)
ATTACHMENTS = cast(Table, Attachment.__table__)


def owned(sha: Any) -> ColumnElement[bool]:
    """SQL: user ``:b_user_id`` completed an upload of the content ``sha``."""
    return exists().where(UPLOADS.c.sha256 == sha, UPLOADS.c.user_id == bindparam("b_user_id"),
                          UPLOADS.c.complete == true())


def readable(sha: Any, viewer: Viewer) -> ColumnElement[bool]:
    """SQL: an attachment of ``sha`` is on a complaint ``viewer`` may see and read unredacted."""
    a = ATTACHMENTS
    return exists(
        select(literal(1))
        .select_from(a.join(COMPLAINTS, COMPLAINTS.c.id == a.c.complaint_id))
        .where(a.c.sha256 == sha, viewer.complaint_clause(), viewer.readable_clause())
    )


def _complete_blobs(condition: ColumnElement[bool]) -> Select[Any]:
    b = BLOBS
    return select(b.c.sha256, b.c.size).where(
        b.c.sha256.in_(bindparam("shas", expanding=True)), b.c.complete == true(), condition)


_OWNED = _complete_blobs(owned(BLOBS.c.sha256))
_READABLE: dict[tuple[str, str], Select[Any]] = {}
_MAY_READ: dict[tuple[str, str], Select[Any]] = {}


@dataclass(frozen=True)
class BlobAccess:
    """The rule for one caller (``services.actions.AttachmentAccess``)."""

    viewer: Viewer

    def _params(self, **extra: Any) -> dict[str, Any]:
        return {**self.viewer.params(), "b_user_id": self.viewer.user.id, **extra}

    def _shape(self) -> tuple[str, str]:
        return self.viewer.kind, self.viewer.dialect

    def refused(self, session: Session, refs: Sequence[AttachmentRef]) -> list[str]:
        """The hashes among ``refs`` the caller may not attach: there is no complete blob of the
        stated size that they uploaded themselves or may read."""
        if not refs:
            return []
        connection = session.connection()
        wanted = {(r.sha256, r.size) for r in refs}
        usable = {(row.sha256, row.size) for row in connection.execute(
            _OWNED, self._params(shas=sorted({sha for sha, _ in wanted})))}
        rest = sorted({sha for sha, size in wanted - usable})
        if rest:
            statement = _READABLE.get(self._shape())
            if statement is None:
                statement = _complete_blobs(readable(BLOBS.c.sha256, self.viewer))
                _READABLE[self._shape()] = statement
            usable |= {(row.sha256, row.size)
                       for row in connection.execute(statement, self._params(shas=rest))}
        return list(dict.fromkeys(r.sha256 for r in refs if (r.sha256, r.size) not in usable))

    def may_read(self, session: Session, sha: str) -> bool:
        """Whether the caller may download ``sha`` (whether or not the server holds it)."""
        statement = _MAY_READ.get(self._shape())
        if statement is None:
            value: BindParameter[Any] = bindparam("b_sha")
            statement = select(literal(1)).where(or_(owned(value), readable(value, self.viewer)))
            _MAY_READ[self._shape()] = statement
        found = session.execute(statement, self._params(b_sha=sha)).first()
        return found is not None
