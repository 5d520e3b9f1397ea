"""Where the search box looks: in every queue, unless the person picks one.

Typing a search opens "All complaints" (the queue of every complaint the user can see), so a
number read out on the phone or a word is found whichever queue holds it; each result says its
queue (ui/models/complaint_table.py). Picking a queue while a search is typed narrows the search
to that queue. Clearing the search goes back to the queue open before it, if the person did not
pick another meanwhile. A tracking number typed (``3715910``, ``#3715 910``) puts its complaint
first, and it is opened at once. The search runs a moment after the typing stops, or at once on
Enter, which also takes the keyboard to the list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from lapor_desk.models.lookup import tracking_number_in
from lapor_desk.services.queues import ALL
from lapor_desk.services.types import ComplaintRow


class SearchScope(QObject):
    #: how long the typing must pause before the search runs (ms)
    PAUSE = 250

    def __init__(self, search: QLineEdit, queue_key: Callable[[], str | None],
                 select_queue: Callable[[str], None], narrowed: Callable[[], None],
                 results: QAbstractItemView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.results = results
        self.timer = QTimer(self, singleShot=True, interval=self.PAUSE)
        self.timer.timeout.connect(self.typed)
        search.textChanged.connect(lambda _t: self.timer.start())
        search.returnPressed.connect(self.enter)
        self.queue_key = queue_key
        self.select_queue = select_queue
        self.narrowed = narrowed
        #: the queue open before the search opened "all" (None: the search did not move it)
        self.back_to: str | None = None
        #: the person picked a queue while searching: the search stays in it
        self.picked = False
        self._moving = False

    def typed(self) -> None:
        """The search text settled (the window's timer): look in the right queue."""
        text = self.search.text().strip()
        key = self.queue_key()
        if text and not self.picked and key is not None and key != ALL:
            self.back_to = key
            self._move(ALL)  # opening "all" reads its list with the search
            return
        if not text:
            back, self.back_to, self.picked = self.back_to, None, False
            if back is not None and key == ALL:
                self._move(back)
                return
        self.narrowed()

    def enter(self) -> None:
        """Enter in the search box: search now (if the text changed) and go to the list."""
        if self.timer.isActive():
            self.timer.stop()
            self.typed()
        self.results.setFocus()

    def find(self, number: int) -> None:
        """Find the complaint with this tracking number in every queue and open it (the
        dashboard's low ratings), as if it were typed and Enter pressed."""
        self.search.setText(str(number))
        self.enter()

    def _move(self, key: str) -> None:
        self._moving = True
        try:
            self.select_queue(key)
        finally:
            self._moving = False

    def queue_chosen(self) -> None:
        """A queue was opened: by the person (the search stays there) or by the search."""
        if not self._moving and self.search.text().strip():
            self.picked = True
            self.back_to = None

    def exact(self, rows: list[ComplaintRow]) -> bool:
        """The first row is the complaint whose tracking number was typed."""
        number = tracking_number_in(self.search.text())
        return number is not None and bool(rows) and rows[0].tracking_number == number
