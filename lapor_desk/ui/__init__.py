"""The PySide6 desktop. Talks only to :mod:`lapor_desk.services` (and plain model enums)."""
