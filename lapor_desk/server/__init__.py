"""The reference central server: FastAPI + SQLAlchemy (SQLite embedded, PostgreSQL in production).

It defines the sync contract (docs/sync-protocol.md), powers the demo/training mode and lets every
test sync for real. No Qt here.
"""
