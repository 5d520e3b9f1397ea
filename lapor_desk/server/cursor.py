"""The pull's cursor: opaque to clients, made and read by the server alone
(docs/sync-protocol.md, "Pull"): the instance, the epoch, the user and their scope epoch, the
last change sequence number, and a width hint for sparse scopes."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import orjson

from lapor_desk.server.epoch import Epoch
from lapor_desk.server.services.errors import ServiceError

#: Version 2 carries the epoch (server/epoch.py); a version 1 cursor (made before epochs)
#: holds while the database was never restored.
_CURSOR_VERSION = 2


class CursorInvalidError(ServiceError):
    code = "cursor_invalid"


@dataclass(frozen=True)
class Cursor:
    instance_id: str
    user_id: int
    scope_epoch: int
    seq: int
    #: How wide (in seqs) the next page's window should start: a hint for sparse scopes.
    width: int = 0
    #: The server's epoch (server/epoch.py) when the cursor was made; None in a version 1 cursor.
    epoch: str | None = None

    def encode(self) -> str:
        raw = orjson.dumps([_CURSOR_VERSION, self.instance_id, self.epoch, self.user_id,
                            self.scope_epoch, self.seq, self.width])
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    def holds_in(self, epoch: Epoch) -> bool:
        return self.epoch == epoch.id if self.epoch is not None else not epoch.restored

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            if len(text) > 512:
                raise ValueError("too long")
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            version, instance, *numbers = orjson.loads(raw)
            epoch = None
            if version == _CURSOR_VERSION:
                epoch, *numbers = numbers
                if not isinstance(epoch, str) or len(epoch) > 64:
                    raise ValueError("bad epoch")
            elif version != 1:
                raise ValueError("bad version")
            if (not isinstance(instance, str) or len(numbers) not in (3, 4)
                    or not all(type(v) is int and 0 <= v < 1 << 62 for v in numbers)):
                raise ValueError("bad fields")
        except (ValueError, TypeError, orjson.JSONDecodeError) as error:
            raise CursorInvalidError("the cursor is not one this server made") from error
        user_id, scope_epoch, seq, *width = numbers
        return cls(instance, user_id, scope_epoch, seq, width[0] if width else 0, epoch)
