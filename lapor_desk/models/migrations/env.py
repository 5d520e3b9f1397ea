"""Alembic environment of the local cache.

Run in code by :func:`lapor_desk.models.cache.store.upgrade` with an open connection in
``config.attributes["connection"]``; there is no alembic.ini at runtime.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.schema import Base


def run() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise TypeError("the cache migrations run only with an open connection")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=lambda obj, name, type_, reflected, compare_to: not (
            name or ""
        ).endswith("_fts") and not (name or "").startswith(("complaint_fts", "follow_up_fts")),
    )
    with context.begin_transaction():
        context.run_migrations()


run()
