"""The Qt-free API of the desktop: the only layer ``lapor_desk.ui`` talks to.

``Workstation`` (session, queues, complaints, actions, status) and ``DemoServer``; values are
frozen dataclasses from :mod:`.types`; errors are :mod:`.errors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lapor_desk.services.errors import (
    ActionNotAllowed,
    DemoFailed,
    NotFound,
    OfflineError,
    ServerProblem,
    ServiceError,
    SignInError,
    StorageProblem,
    SyncCancelled,
)
from lapor_desk.services.workstation import Workstation

if TYPE_CHECKING:
    from lapor_desk.services.demo import DEMO_PASSWORD, DEMO_USER, DemoServer, use_memory_keyring

#: The training sandbox's names, imported at first use (the desktop's start does not need it).
_DEMO = frozenset({"DEMO_PASSWORD", "DEMO_USER", "DemoServer", "use_memory_keyring"})


def __getattr__(name: str) -> Any:
    if name in _DEMO:
        from lapor_desk.services import demo

        return getattr(demo, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "DEMO_PASSWORD", "DEMO_USER", "ActionNotAllowed", "DemoFailed", "DemoServer", "NotFound",
    "OfflineError", "ServerProblem", "ServiceError", "SignInError", "StorageProblem",
    "SyncCancelled",
    "Workstation", "use_memory_keyring",
]
