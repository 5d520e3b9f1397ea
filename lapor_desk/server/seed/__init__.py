"""Seed data for the reference server: a deterministic Sulawesi Tenggara region with N complaints.

``seed_database(url, complaints=N, seed=S, password=P)`` fills a database that
``lapor_desk.server.database.init_database`` prepared; see :mod:`.seeding`
(and README.md for the modules).
"""

from lapor_desk.server.seed.seeding import DEFAULT_NOW, SeededUser, SeedReport, seed_database

__all__ = ["DEFAULT_NOW", "SeedReport", "SeededUser", "seed_database"]
