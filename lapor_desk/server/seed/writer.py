"""Writing the seed: bulk rows straight to the driver, and the attachments' files.

SQLite gets ``executemany`` on the raw DB-API cursor, PostgreSQL ``COPY ... FROM STDIN``
(psycopg 3), any other backend plain parameters through SQLAlchemy. Everything happens on the
caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, text

from lapor_desk.server.db import Agency, Blob, Complaint, User
from lapor_desk.server.seed.attachment_files import blob_path, seed_blob_pool
from lapor_desk.server.seed.timeline import HISTORY_DAYS


class BulkWriter:
    """Bulk rows straight to the driver: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pg = conn.dialect.name == "postgresql"
        self.sqlite = conn.dialect.name == "sqlite"
        dbapi = conn.connection.driver_connection
        assert dbapi is not None
        self.dbapi: Any = dbapi

    @property
    def flavour(self) -> str:
        return "postgresql" if self.pg else "sqlite" if self.sqlite else "other"

    def insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        """Through SQLAlchemy (small tables)."""
        if rows:
            self.conn.execute(insert(table), rows)

    def bulk(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = ", ".join(columns)
        if self.pg:
            cursor = self.dbapi.cursor()
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.close()
        elif self.sqlite:
            marks = ", ".join("?" for _ in columns)
            cursor = self.dbapi.cursor()
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
            cursor.close()
        else:  # another backend: plain parameters through SQLAlchemy
            self.conn.execute(text(f"INSERT INTO {table} ({names}) VALUES "
                                   f"({', '.join(':' + c for c in columns)})"),
                              [dict(zip(columns, row, strict=True)) for row in rows])

    def move_id_sequences(self) -> None:
        """PostgreSQL: move the serial ids past the seeded ones (explicit ids don't)."""
        if not self.pg:
            return
        for table in ("agencies", "users", "reporters"):
            self.conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            ))


def check_empty(conn: Connection) -> None:
    for table in (Agency, User, Complaint):
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            raise RuntimeError(
                f"database already has {table.__tablename__}: seed only an empty database"
            )


def write_blobs(conn: Connection, seed: int, used: list[str], blob_dir: Path,
                now: datetime) -> None:
    """Write the used attachment files to ``blob_dir`` and register them as complete blobs."""
    photos, docs, unit_docs = seed_blob_pool(seed)
    pool = {b.sha256: b for b in (*photos, *docs, *unit_docs)}
    rows = []
    for sha in used:
        blob = pool[sha]
        path = blob_path(blob_dir, sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.stat().st_size != blob.size:
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(blob.content)
            tmp.replace(path)
        rows.append({"sha256": sha, "size": blob.size, "received": blob.size, "complete": True,
                     "uploaded_by": None, "created_at": now - timedelta(days=HISTORY_DAYS)})
    existing = set(conn.execute(select(Blob.sha256)).scalars())
    fresh = [r for r in rows if r["sha256"] not in existing]
    if fresh:
        conn.execute(insert(Blob), fresh)
