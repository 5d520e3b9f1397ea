"""LAPOR Desk: an offline-first workstation for LAPOR!/SP4N complaint handling.

Layers (see docs/architecture.md): ``ui -> services -> {models, sync}``; ``server`` is the
reference central server that defines the sync contract. ``models`` and ``sync`` never import Qt.
"""

from __future__ import annotations

__version__ = "0.1.0"
