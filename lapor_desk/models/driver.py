"""Reading on the database driver's own cursor, for the long result lists where SQLAlchemy's
result rows would cost about as much again as the database's reading (the desktop's id lists,
the server's pull pages). The SQL comes compiled for the connection's dialect."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection


def driver_fetch(connection: Connection, sql: str,
                 params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Any]:
    """Every row of ``sql`` with ``params``, read on the driver's cursor of ``connection``
    (in its transaction, if one is open). Listeners of the engine's ``before_cursor_execute``
    hear of it as of any statement (the tests count the server's statements so)."""
    cursor = connection.connection.cursor()
    try:
        announce = connection.dispatch.before_cursor_execute
        if announce:
            announce(connection, cursor, sql, params, None, False)
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()
