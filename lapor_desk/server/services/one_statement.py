"""PostgreSQL: an action's writes that take change numbers, in one statement.

Reserving change numbers (``db.next_seqs``) takes the change counter's row lock, which the writer
holds until it commits, so that writers commit in seq order (docs/sync-protocol.md, "Pull"):
every round trip after the reservation is a wait for every other writer. On PostgreSQL the
reservation, the complaint's UPDATE and the rows the action adds (its disposition, follow-up,
attachments and event) are one statement of data-modifying CTEs, which PostgreSQL runs together
on one snapshot; the change numbers are the counter's new value counted back, in the order
``records.write_transition`` gives them. Actions that move a complaint or re-stamp its records
(a few) take the statement-by-statement path.

One statement is built per shape (with a disposition or not, a follow-up or not, how many
attachments), once; the values travel as bind parameters, each table's prefixed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import BigInteger, Table, bindparam, insert, select, update
from sqlalchemy.sql.dml import Insert

from lapor_desk.server.db import (
    Attachment,
    Complaint,
    ComplaintEvent,
    Counter,
    Disposition,
    FollowUp,
)

_COMPLAINTS = cast(Table, Complaint.__table__)
_COUNTERS = cast(Table, Counter.__table__)
_PREFIX = {"disposition": "d_", "follow_up": "f_", "event": "e_"}
_TABLES: dict[str, Table] = {
    "disposition": cast(Table, Disposition.__table__), "follow_up": cast(Table, FollowUp.__table__),
    "event": cast(Table, ComplaintEvent.__table__), "attachment": cast(Table, Attachment.__table__)}


def _values(table: Table, prefix: str, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: bindparam(prefix + name, type_=table.c[name].type) for name in names}


@functools.cache
def statement(complaint_fields: tuple[str, ...], disposition: tuple[str, ...] | None,
              follow_up: tuple[str, ...] | None, attachments: tuple[tuple[str, ...], ...],
              event: tuple[str, ...]) -> Insert:
    """The statement for one shape: each argument names the columns written (``None`` or
    empty: no such row). It returns the counter's new value (the event's change number)."""
    count = bindparam("_count", type_=BigInteger)
    reserved = (update(_COUNTERS).where(_COUNTERS.c.name == "change_seq")
                .values(value=_COUNTERS.c.value + count)
                .returning(_COUNTERS.c.value).cte("reserved"))
    last = select(reserved.c.value).scalar_subquery()
    offsets = iter(range(1, 1 << 20))

    def seq() -> Any:  # the next change number, first to last
        return last - count + next(offsets)

    changed = (update(_COMPLAINTS).where(_COMPLAINTS.c.id == bindparam("_complaint_id"))
               .values(**_values(_COMPLAINTS, "c_", complaint_fields), seq=seq())
               .returning(_COMPLAINTS.c.id).cte("changed"))
    ctes = [reserved, changed]
    for name, names in (("disposition", disposition), ("follow_up", follow_up)):
        if names:
            table = _TABLES[name]
            ctes.append(insert(table).values(**_values(table, _PREFIX[name], names), seq=seq())
                        .returning(table.c.seq).cte(name))
    for index, names in enumerate(attachments):
        table = _TABLES["attachment"]
        ctes.append(insert(table).values(**_values(table, f"a{index}_", names), seq=seq())
                    .returning(table.c.seq).cte(f"attachment_{index}"))
    events = _TABLES["event"]
    return (insert(events).values(**_values(events, _PREFIX["event"], event), seq=seq())
            .returning(last).add_cte(*ctes))


def parameters(count: int, complaint_id: str, complaint: Mapping[str, Any],
               disposition: Mapping[str, Any] | None, follow_up: Mapping[str, Any] | None,
               attachments: Sequence[Mapping[str, Any]],
               event: Mapping[str, Any]) -> tuple[Insert, dict[str, Any]]:
    """The statement for these rows (each a mapping of column to value, without ``seq``) and
    its parameters."""
    stmt = statement(tuple(complaint), tuple(disposition) if disposition else None,
                     tuple(follow_up) if follow_up else None,
                     tuple(tuple(row) for row in attachments), tuple(event))
    params: dict[str, Any] = {"_count": count, "_complaint_id": complaint_id}
    params.update({"c_" + k: v for k, v in complaint.items()})
    for name, row in (("disposition", disposition), ("follow_up", follow_up), ("event", event)):
        if row:
            params.update({_PREFIX[name] + k: v for k, v in row.items()})
    for index, row in enumerate(attachments):
        params.update({f"a{index}_{k}": v for k, v in row.items()})
    return stmt, params
