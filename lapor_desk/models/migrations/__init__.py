"""Alembic environment of the local cache. Opening a cache runs ``upgrade head`` in code."""
