"""The Qt-free API of the desktop: the only layer ``lapor_desk.ui`` talks to.

``Workstation`` (session, queues, complaints, actions, status) and ``DemoServer``; values are
frozen dataclasses from :mod:`.types`; errors are :mod:`.errors`.
"""

from lapor_desk.services.demo import DEMO_PASSWORD, DEMO_USER, DemoServer, use_memory_keyring
from lapor_desk.services.errors import (
    ActionNotAllowed,
    DemoFailed,
    NotFound,
    OfflineError,
    ServerProblem,
    ServiceError,
    SignInError,
    SyncCancelled,
)
from lapor_desk.services.workstation import Workstation

__all__ = [
    "DEMO_PASSWORD", "DEMO_USER", "ActionNotAllowed", "DemoFailed", "DemoServer", "NotFound",
    "OfflineError", "ServerProblem", "ServiceError", "SignInError", "SyncCancelled",
    "Workstation", "use_memory_keyring",
]
