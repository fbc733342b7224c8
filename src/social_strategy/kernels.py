"""Execute notebooks with papermill on a few long-lived kernels.

Starting a kernel and importing pandas, matplotlib and the package costs about 1.5 s, more
than most steps take. A render therefore starts ``jobs`` kernels once (while the main process
is still importing papermill), warms their imports, and runs every notebook on one of them:
the notebooks are independent (a step that builds on another runs it in-process through
``Session.run``), so they go to whichever kernel is free. Before each further notebook the
kernel's namespace is reset (``%reset -f``), so a notebook never sees another's variables;
only imported modules stay loaded. Each executed notebook is still the full record of what
was computed from which parameters.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: imported in every kernel as soon as it is up, before its first notebook arrives
WARM_UP = "import social_strategy.notebook, social_strategy.charts, pandas, matplotlib"
RESET = "get_ipython().run_line_magic('reset', '-f')"


@dataclass
class Job:
    """One notebook to execute: source, executed copy, parameters."""

    source: Path
    target: Path
    parameters: dict


class KernelPool:
    """``size`` kernels, each driven by its own thread with its own event loop."""

    def __init__(self, size: int, env: dict[str, str] | None = None) -> None:
        import tempfile

        self.size = max(1, size)
        #: variables set in the kernels' environment on top of this process's
        self.env = dict(env or {})
        # IPC sockets instead of TCP: the kernel is local anyway, and ipykernel warns on every
        # start about unencrypted TCP, which would clutter the consultant's terminal. Each
        # kernel gets its own short socket path (kernels started at once would otherwise
        # pick the same file names, and Unix socket paths must stay short).
        self._sockets = Path(tempfile.mkdtemp(prefix="smw-kernels-"))
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._managers: list = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.errors: list[tuple[Job, BaseException]] = []
        self.on_start: Callable[[Job], None] = lambda job: None
        self.on_done: Callable[[Job, float], None] = lambda job, seconds: None

    # -- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the kernels (each in its thread); returns at once."""
        for i in range(self.size):
            thread = threading.Thread(
                target=self._worker, args=(i,), name=f"kernel-{i}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def run(self, jobs: list[Job]) -> None:
        """Execute ``jobs`` on the pool and wait; failures are collected in ``errors`` and
        stop the remaining jobs from starting."""
        for job in jobs:
            self._jobs.put(job)
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()

    def shutdown(self) -> None:
        """Stop every kernel now (after a failure or an interrupt)."""
        self._stop.set()
        with self._lock:
            managers = list(self._managers)
        for km in managers:
            process = getattr(getattr(km, "provisioner", None), "process", None)
            if process is not None and process.poll() is None:
                process.kill()
        import shutil

        shutil.rmtree(self._sockets, ignore_errors=True)

    # -- one worker ------------------------------------------------------------------------
    def _worker(self, index: int) -> None:
        from jupyter_core.utils import ensure_event_loop

        loop = ensure_event_loop()
        km = None
        try:
            km = loop.run_until_complete(self._start_kernel(index))
            first = True
            while True:
                job = self._jobs.get()
                if job is None or self._stop.is_set():
                    if job is not None:
                        continue
                    break
                if not first:
                    loop.run_until_complete(self._send(km, RESET, wait=True))
                first = False
                self._execute(job, km)
        except BaseException as exc:  # reported to the main thread
            if not self._stop.is_set():
                with self._lock:
                    self.errors.append((Job(Path("kernel"), Path("kernel"), {}), exc))
                self._stop.set()
        finally:
            if km is not None:
                with contextlib.suppress(Exception):  # a kernel gone already is fine
                    loop.run_until_complete(km.shutdown_kernel(now=True))
            loop.close()  # the thread's loop, with its self-pipe sockets
            asyncio.set_event_loop(None)

    async def _start_kernel(self, index: int):
        from jupyter_client.manager import AsyncKernelManager

        class Manager(AsyncKernelManager):
            """Remembers the clients it hands out, so each is closed after its notebook
            (nbclient leaves the client of a kernel it does not own open)."""

            clients: list = []

            def client(self, **kwargs):
                kc = super().client(**kwargs)
                self.clients.append(kc)
                return kc

            def close_clients(self) -> None:
                for kc in self.clients:
                    kc.stop_channels()
                    if not kc.context.closed:
                        kc.context.destroy(linger=0)
                self.clients.clear()

        km = Manager(kernel_name="python3", transport="ipc", ip=str(self._sockets / f"k{index}"))
        km.clients = []
        if self.env:
            import os

            await km.start_kernel(env={**os.environ, **self.env})
        else:
            await km.start_kernel()
        with self._lock:
            self._managers.append(km)
        await self._send(km, WARM_UP, wait=False)
        return km

    @staticmethod
    async def _send(km, code: str, *, wait: bool) -> None:
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            if wait:
                await kc.execute_interactive(
                    code, store_history=False, timeout=60, output_hook=lambda msg: None
                )
            else:
                kc.execute(code, store_history=False)
                await asyncio.sleep(0)
        finally:
            km.close_clients()

    def _execute(self, job: Job, km) -> None:
        import time

        import papermill as pm

        started = time.perf_counter()
        self.on_start(job)
        try:
            pm.execute_notebook(
                str(job.source),
                str(job.target),
                parameters=job.parameters,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                km=km,
            )
        except BaseException as exc:  # reported to the main thread
            with self._lock:
                self.errors.append((job, exc))
            self._stop.set()
            return
        finally:
            km.close_clients()
        self.on_done(job, time.perf_counter() - started)


__all__ = ["RESET", "WARM_UP", "Job", "KernelPool"]
