"""The workshop's slide deck, built in the background after a save.

A save in the workshop rebuilds report.html at once (the consultant waits for it) and the
slide deck after it, in a thread: the deck takes about as long again as the report, and is
wanted for the stakeholder meeting, not on the projector the moment a cell was typed. The
deck is written beside its old version and renamed over it (:func:`~.pipeline.rebuild`), so
the file served is always a whole deck, the old one until the new one is there.

Saves that come while a deck is being built do not start another thread: the running one
builds once more when it is done, from the results as they are then (so the last deck is
always made from the last save's results).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import InputError


class DeckBuilder:
    """Builds a render folder's slide deck, now or in the background, one build at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False
        self._done: list[Callable[[], None]] = []
        #: seconds the last build took (for the bench)
        self.seconds = 0.0

    @staticmethod
    def build(folder: Path, lang: str) -> float:
        """Build the deck now; results saved by an older version have no PNG figures: then
        the deck is left as it is (the report is rebuilt all the same)."""
        import time

        from .pipeline import rebuild

        start = time.perf_counter()
        with contextlib.suppress(InputError):
            rebuild(folder, lang=lang, formats=("pptx",))
        return time.perf_counter() - start

    def later(self, folder: Path, lang: str, done: Callable[[], None] | None = None) -> None:
        """Build the deck in the background; ``done`` is called when a deck made after this
        call is written (or could not be made)."""
        with self._lock:
            if done is not None:
                self._done.append(done)
            if self._thread is not None:
                self._again = True  # the running build goes once more when it is done
                return
            self._thread = threading.Thread(
                target=self._work, args=(folder, lang), name="smw-deck", daemon=True
            )
            self._thread.start()

    def _work(self, folder: Path, lang: str) -> None:
        while True:
            with self._lock:
                self._again = False
                done, self._done = self._done, []
            with contextlib.suppress(Exception):  # a deck never breaks the workshop's saves
                self.seconds = self.build(folder, lang)
            with self._lock:
                finished = not self._again
                if finished:
                    self._thread = None  # not busy any more when ``done`` is told
            for call in done:
                with contextlib.suppress(Exception):
                    call()
            if finished:
                return

    @property
    def busy(self) -> bool:
        """Whether a deck is being built (the link then says so)."""
        with self._lock:
            return self._thread is not None

    def wait(self, timeout: float | None = None) -> None:
        """Wait until no deck is being built (scripts, tests and the bench)."""
        while True:
            with self._lock:
                thread = self._thread
            if thread is None or thread is threading.current_thread():
                return
            thread.join(timeout)
            if timeout is not None:
                return


__all__ = ["DeckBuilder"]
