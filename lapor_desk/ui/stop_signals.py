"""Stopping the desktop from outside (SIGTERM: a session ending, ``kill``, a service manager;
SIGINT: Ctrl+C in a terminal) ends it the normal way: the event loop quits, and ``ui.app.run``
shuts down what it started (workers, the cache, the demo's embedded server).

Qt's event loop runs in C++, and a Python signal handler runs only when the interpreter next gets
control, which an idle window may not give it for a long time. So the signal also writes a byte
to a socket the loop watches (``signal.set_wakeup_fd``): the loop wakes at once and the handler
runs. A second signal ends the process the hard way (the default action is put back).
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable, Iterable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

log = logging.getLogger("lapor_desk.ui.stop_signals")

STOP_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), signal.SIGINT) if s)


def quit_on_signals(app: QCoreApplication,
                    signals: Iterable[int] = STOP_SIGNALS) -> Callable[[], None]:
    """Make ``signals`` quit ``app``'s event loop; returns what puts everything back."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:  # running Python here is what lets the handler run
        try:
            while reader.recv(512):
                pass
        except OSError:
            pass

    notifier.activated.connect(drain)

    def stop(number: int, _frame: FrameType | None) -> None:
        signal.signal(number, signal.SIG_DFL)  # a second one ends the process at once
        log.info("event=desk.stop_signal signal=%s", signal.Signals(number).name)
        # exit, not quit: quit asks the windows first, and a dialog that may not be closed
        # (the demo's progress) would refuse. A timer: also when the loop has not started yet.
        QTimer.singleShot(0, lambda: app.exit(0))

    signals = tuple(signals)
    previous = {number: signal.signal(number, stop) for number in signals}

    def undo() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()

    return undo
