"""Is a desktop cache equal to what the server shows its user?

``assert_cache_matches_server(cache, server, username)`` signs in as ``username`` over HTTP
(independently of the sync engine under test), pulls everything from an empty cursor and compares
the set of complaint ids with their versions, and the ids of follow-ups, dispositions, events,
attachments and agencies, with the cache. Call it after a sync that left no pending actions (the
cache shows pending actions on top of the server's rows, so versions would differ).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from sqlalchemy import select

from lapor_desk.models.cache import Cache
from lapor_desk.models.cache.schema import (
    Agency,
    Attachment,
    Complaint,
    Disposition,
    Event,
    FollowUp,
    OutboxEntry,
)

DEFAULT_PASSWORD = "rahasia-uji-123"  # the seeded users' password (tests/conftest.py)
CHILDREN = ("follow_up", "disposition", "event", "attachment")


@dataclass
class View:
    complaints: dict[str, int] = field(default_factory=dict)  # id -> version
    children: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in CHILDREN})
    agencies: set[int] = field(default_factory=set)


def server_view(url: str, username: str, password: str = DEFAULT_PASSWORD) -> View:
    """What a full pull from an empty cursor gives ``username``."""
    with requests.Session() as http:
        login = http.post(f"{url}/api/v1/auth/login", timeout=30,
                          json={"username": username, "password": password, "device": "compare"})
        login.raise_for_status()
        http.headers["Authorization"] = f"Bearer {login.json()['token']}"
        view = View()
        owner: dict[str, dict[str, str]] = {k: {} for k in CHILDREN}
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"limit": 20000}
            if cursor:
                params["cursor"] = cursor
            response = http.get(f"{url}/api/v1/sync/pull", params=params, timeout=60)
            response.raise_for_status()
            page = response.json()
            assert not page.get("reset"), "a pull from an empty cursor was reset"
            for entity, block in (page.get("changes") or {}).items():
                columns = block["columns"]
                for row in block["rows"]:
                    data = dict(zip(columns, row, strict=True))
                    if entity == "complaint":
                        view.complaints[str(data["id"])] = int(data["version"])
                    elif entity == "agency":
                        view.agencies.add(int(data["id"]))
                    elif entity in owner:
                        owner[entity][str(data["id"])] = str(data["complaint_id"])
            for tomb in page.get("tombstones") or []:
                ident = str(tomb["id"])
                if tomb["entity"] == "complaint":
                    view.complaints.pop(ident, None)
                    for rows in owner.values():
                        for child in [c for c, parent in rows.items() if parent == ident]:
                            del rows[child]
                elif tomb["entity"] == "agency":
                    view.agencies.discard(int(tomb["id"]))
                elif tomb["entity"] in owner:
                    owner[tomb["entity"]].pop(ident, None)
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        http.post(f"{url}/api/v1/auth/logout", timeout=30)
    for entity, rows in owner.items():
        view.children[entity] = set(rows)
    return view


def cache_view(cache: Cache) -> View:
    view = View()
    with cache.engine.connect() as connection:
        view.complaints = {str(i): int(v) for i, v in
                           connection.execute(select(Complaint.id, Complaint.version))}
        for entity, model in (("follow_up", FollowUp), ("disposition", Disposition),
                              ("event", Event), ("attachment", Attachment)):
            view.children[entity] = {str(i) for (i,) in connection.execute(select(model.id))}
        view.agencies = {int(i) for (i,) in connection.execute(select(Agency.id))}
    return view


def pending_mutations(cache: Cache) -> list[int]:
    with cache.engine.connect() as connection:
        return [int(m) for (m,) in connection.execute(
            select(OutboxEntry.mutation_id).where(OutboxEntry.state == "pending"))]


def _diff(name: str, ours: set[Any], theirs: set[Any]) -> str:
    return (f"{name}: {len(ours - theirs)} only in the cache (e.g. {sorted(ours - theirs)[:3]}), "
            f"{len(theirs - ours)} only on the server (e.g. {sorted(theirs - ours)[:3]})")


def assert_cache_matches_server(cache: Cache, server: Any, username: str,
                                password: str = DEFAULT_PASSWORD) -> None:
    """``server`` is a ``LiveServer`` (anything with ``.url``) or a base URL."""
    url = server if isinstance(server, str) else server.url
    pending = pending_mutations(cache)
    assert not pending, f"the cache still has pending actions {pending[:10]}; sync first"
    theirs, ours = server_view(url, username, password), cache_view(cache)
    problems = []
    if set(ours.complaints) != set(theirs.complaints):
        problems.append(_diff("complaints", set(ours.complaints), set(theirs.complaints)))
    else:
        stale = sorted(i for i, v in ours.complaints.items() if theirs.complaints[i] != v)
        if stale:
            problems.append(f"complaints with other versions: {stale[:5]}")
    for entity in CHILDREN:
        if ours.children[entity] != theirs.children[entity]:
            problems.append(_diff(entity, ours.children[entity], theirs.children[entity]))
    if ours.agencies != theirs.agencies:
        problems.append(_diff("agencies", ours.agencies, theirs.agencies))
    assert not problems, "cache differs from the server's view:\n" + "\n".join(problems)
