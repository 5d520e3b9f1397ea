"""Type a unit's name as admins say it into the list's unit filter: "dinkes", "dukcapil",
"pupr" choose that unit (models/unit_names.py), without opening the list.

Letters typed while the box has the focus are gathered (a pause of ``PAUSE`` ms starts afresh)
and the best match among the box's units is chosen; the box's tooltip says what was typed, or
that nothing matched it. The first entry ("All units") and the counts are left out of the match.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QToolTip

from lapor_desk.models.unit_names import UnitEntry, UnitIndex

#: "Dinas Kesehatan Kota Kendari (12)": the count the filter bar adds
_COUNT = re.compile(r"\s*\(\d+\)$")


class UnitTypeAhead(QObject):
    PAUSE = 1200

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        self.typed = ""
        self._last = 0.0
        self._index: UnitIndex | None = None
        self._names: tuple[str, ...] = ()
        combo.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.combo and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            if (text and (text.isalnum() or (text == " " and self.typed))
                    and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier):
                self.type(text)
                return True
        return False

    def type(self, text: str) -> bool:
        """Add ``text`` to what was typed and choose the best unit; True when one matched."""
        now = time.monotonic()
        if now - self._last > self.PAUSE / 1000:
            self.typed = ""
        self._last = now
        self.typed += text
        found = self._unit_index().find(self.typed)
        if found:
            self.combo.setCurrentIndex(found[0])  # the ids are the box's rows
            tip = self.tr("Unit: %1").replace("%1", self.typed)
        else:
            tip = self.tr("No unit here is called “%1”.").replace("%1", self.typed)
        self.combo.setToolTip(tip)
        if self.combo.isVisible():
            QToolTip.showText(self.combo.mapToGlobal(self.combo.rect().bottomLeft()), tip,
                              self.combo)
        return bool(found)

    def _unit_index(self) -> UnitIndex:
        """The box's units by their row, made again when the box's entries changed."""
        names = tuple(self.combo.itemText(row) for row in range(1, self.combo.count()))
        if names != self._names or self._index is None:
            self._names = names
            self._index = UnitIndex([UnitEntry(row, _COUNT.sub("", name).strip())
                                     for row, name in enumerate(names, start=1)])
        return self._index
