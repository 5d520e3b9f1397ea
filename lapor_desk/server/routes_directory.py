"""The directory's other names: an admin sets the aliases of a unit or agency they look after.

A national admin may edit any node, an agency admin the nodes of their own agency (its OPDs),
a liaison officer none (``models/unit_names.py::may_edit_aliases``, which the desktop asks too).
The row gets a new change number, so every desktop pulls it again at its next sync.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from starlette.responses import Response

from lapor_desk.models import wire
from lapor_desk.models.unit_names import ALIAS_LENGTH, MAX_ALIASES, AliasProblem, clean_aliases
from lapor_desk.models.unit_names import may_edit_aliases as may_edit
from lapor_desk.server.auth import CurrentCaller, server_state
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Agency, next_seqs
from lapor_desk.server.errors import ApiError
from lapor_desk.server.logs import event
from lapor_desk.server.openapi import AUTHENTICATED, INVALID, MALFORMED_JSON, Refusal, responses
from lapor_desk.server.openapi import success as answered
from lapor_desk.server.responses import json_response

log = logging.getLogger(__name__)
router = APIRouter()

AGENCY_ID = Path(ge=1, le=2**31 - 1, description="The unit's or agency's id.")


class AliasesIn(BaseModel):
    aliases: list[str] = Field(
        max_length=MAX_ALIASES * 4,
        description=f"Every other name of the node, replacing those it had: at most "
                    f"{MAX_ALIASES} once blanks and repeats are left out, each of "
                    f"{ALIAS_LENGTH[0]} to {ALIAS_LENGTH[1]} characters.")


class AliasesOut(BaseModel):
    id: int
    aliases: list[str]


MAY_NOT_EDIT = Refusal(403, ("forbidden",),
                       "the caller may not edit this node's names (only a national admin, or "
                       "an agency admin for their own agency's units)")
UNKNOWN = Refusal(404, ("not_found",), "no unit or agency has this id")
NOT_STORABLE = Refusal(422, ("invalid_request",),
                       "too many aliases, or one too short or too long (`message` says which)")


@router.post(wire.AGENCY_ALIASES.path, operation_id="set_agency_aliases", responses={
    **answered(AliasesOut, "The node's aliases as stored."),
    **responses(*AUTHENTICATED, MALFORMED_JSON, INVALID, MAY_NOT_EDIT, UNKNOWN, NOT_STORABLE)})
def set_aliases(request: Request, caller: CurrentCaller, body: AliasesIn,
                agency_id: int = AGENCY_ID) -> Response:
    state = server_state(request)
    viewer = caller.viewer
    with transaction(state.engine) as session:
        node = session.execute(select(Agency).where(Agency.id == agency_id)).scalar_one_or_none()
        if node is None:
            raise ApiError(404, "not_found", "no unit or agency has this id")
        if not may_edit(str(viewer.user.role), viewer.scope_root.path, node.path):
            raise ApiError(403, "forbidden", "you may not edit the names of this unit")
        try:
            aliases = clean_aliases(body.aliases, node.name)
        except AliasProblem as problem:
            raise ApiError(422, "invalid_request", f"aliases: {problem}") from None
        if list(aliases) != list(node.aliases or []):
            node.aliases = list(aliases)
            node.seq = next_seqs(session)
    event(log, "agency_aliases", user=viewer.user.username, agency=agency_id,
          count=len(aliases))
    return json_response(request, {"id": agency_id, "aliases": list(aliases)})
