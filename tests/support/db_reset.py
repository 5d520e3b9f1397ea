"""Put a database's rows back as they were, from the test side, while a server keeps running on
it: what lets one server serve a whole module with every test starting from the same data.

SQLite: the rows are copied back from the template file (``ATTACH``). PostgreSQL: the rows are
kept once in a schema of their own inside the same database and copied back after a
``TRUNCATE``; the sequences are set back to where they stood.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url

SNAPSHOT_SCHEMA = "lapor_test_snapshot"


def _sqlite_backup(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    with sqlite3.connect(source, timeout=30) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DatabaseSnapshot:
    """The rows of the database at ``url`` when it was made; :meth:`restore` puts them back.

    ``template_url`` (SQLite): an unchanging database with the same rows, read at each restore;
    without it the rows are copied to a file beside the database (the backup API). ``name``:
    several snapshots of one database (PostgreSQL: one schema each).
    """

    def __init__(self, url: str, template_url: str | None = None, name: str = "seed") -> None:
        self.url = url
        self.engine: Engine = create_engine(url)
        self.dialect = self.engine.dialect.name
        self._tables: list[str] = []
        self._sequences: list[tuple[str, int, bool]] = []
        self.schema = f"{SNAPSHOT_SCHEMA}_{name}"
        if self.dialect == "sqlite":
            if template_url is None:
                path = Path(make_url(url).database or "")
                template_url = f"sqlite:///{path.with_name(f'{path.stem}-{name}.sqlite3')}"
                _sqlite_backup(path, Path(make_url(template_url).database or ""))
            self._template = str(Path(make_url(template_url).database or ""))
            with self.engine.connect() as conn:
                self._tables = [row[0] for row in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
                self._has_sequence_table = bool(conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'").scalar())
        else:
            self._take_postgresql()

    def _take_postgresql(self) -> None:
        with self.engine.begin() as conn:
            self._tables = [row[0] for row in conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))]
            conn.execute(text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {self.schema}"))
            for table in self._tables:
                conn.execute(text(f"CREATE TABLE {self.schema}.{_quote(table)}"
                                  f" AS TABLE public.{_quote(table)}"))
            names = [row[0] for row in conn.execute(text(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"))]
            for name in names:  # pg_sequences hides the value of one set but never called
                value, called = conn.execute(text(
                    f"SELECT last_value, is_called FROM public.{_quote(name)}")).one()
                self._sequences.append((name, int(value), bool(called)))

    def restore(self) -> None:
        if self.dialect == "sqlite":
            self._restore_sqlite()
        else:
            with self.engine.begin() as conn:
                self._restore_postgresql(conn)

    def _restore_sqlite(self) -> None:
        path = make_url(self.url).database or ""
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)  # statements as written
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("ATTACH DATABASE ? AS snapshot", (self._template,))
            conn.execute("BEGIN IMMEDIATE")
            names = [*self._tables, *(["sqlite_sequence"] if self._has_sequence_table else [])]
            for table in names:
                conn.execute(f"DELETE FROM main.{_quote(table)}")
                conn.execute(f"INSERT INTO main.{_quote(table)} SELECT * FROM snapshot.{_quote(table)}")
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE snapshot")
        finally:
            conn.close()

    def _restore_postgresql(self, conn: Connection) -> None:
        conn.execute(text("SET LOCAL session_replication_role = replica"))  # no FK triggers
        tables = ", ".join(f"public.{_quote(t)}" for t in self._tables)
        conn.execute(text(f"TRUNCATE {tables}"))
        for table in self._tables:
            conn.execute(text(f"INSERT INTO public.{_quote(table)}"
                              f" SELECT * FROM {self.schema}.{_quote(table)}"))
        for name, value, called in self._sequences:
            conn.execute(text("SELECT setval(:name, :value, :called)"),
                         {"name": f"public.{_quote(name)}", "value": value, "called": called})

    def close(self) -> None:
        self.engine.dispose()
