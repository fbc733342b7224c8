"""The workshop's Voila server: Voila as ``python -m voila`` starts it, with three changes.

- Every page gets Tornado's ``_xsrf`` cookie. Voila's page shuts its kernel down on
  ``beforeunload`` with ``POST /voila/api/shutdown/<id>``, sending the ``_xsrf`` cookie's value;
  Voila itself never sets that cookie, so every shutdown was refused (403 "'_xsrf' argument
  missing") and every page view left its kernel running.
- Idle kernels whose page is gone are culled (``--MappingKernelManager.cull_idle_timeout``,
  set by :func:`social_strategy.workshop.command`), for pages whose shutdown never arrived
  (a browser that crashed, a laptop put to sleep).
- Each cell's result reaches the page one output at a time (:class:`OneOutputAtATime`).
  With progressive rendering Voila's page (0.5.13, plugin ``render-outputs-progressively``)
  adds a cell's outputs in order, but stops at the first widget whose model the page has not
  created yet: it remembers that one widget and shows it once its model arrives, and the
  outputs after it in the same cell are dropped. The models come over the kernel's own
  connection, one after another (each waits for the one before, ipydatagrid's code loading
  first), the results over Voila's execution socket: on any machine, and more on a busy one,
  a cell's result overtakes its models. In notebook 01 the channels grid came after a text
  in the same cell and was never shown (the segments grid before it was still loading).
  One output per message makes every widget an output of its own, each shown when its model
  arrives, in order.
- A page says what it is doing while its kernel starts (:func:`prelaunch`), until its
  first output shows.
- The page template is ``workshop`` (``voila/templates/workshop`` in this package): Voila's
  lab template without its stylesheets from a CDN, so a workshop page makes no request to
  the network.

``python -m social_strategy.workshop_server ARGS`` takes Voila's own arguments.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: where the workshop's Voila template lives (a Jupyter data folder: voila/templates/<name>)
SHARE = Path(__file__).resolve().parent
TEMPLATE = "workshop"


def set_xsrf_cookie(handler, notebook=None, cwd=None):
    """Voila's prelaunch hook, run for every page before its kernel starts: reading the
    handler's ``xsrf_token`` makes Tornado set the ``_xsrf`` cookie on the response, which
    the page sends back with its kernel's shutdown request."""
    handler.xsrf_token  # noqa: B018  (the property sets the cookie)
    return None


def starting_text() -> str:
    """What a workshop page says while its kernel starts, in the language of the client
    the workshop works on (``form.starting``)."""
    import yaml

    from .i18n import available_languages, catalog
    from .paths import default_workspace

    lang = "de"
    try:
        strategy = default_workspace() / "strategy.yaml"
        data = yaml.safe_load(strategy.read_text(encoding="utf-8-sig")) or {}
        lang = str((data.get("firm") or {}).get("language") or lang)
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        pass  # the page says it in German; the notebook itself reports a broken workspace
    return catalog(lang if lang in available_languages() else "de").t("form.starting")


def prelaunch(handler, notebook=None, cwd=None):
    """Voila's prelaunch hook for every page: the ``_xsrf`` cookie (:func:`set_xsrf_cookie`)
    and the message the page shows while its kernel starts (in the notebook's metadata,
    read by the ``workshop`` template)."""
    set_xsrf_cookie(handler, notebook=notebook, cwd=cwd)
    if notebook is not None:
        notebook.metadata["smw_starting"] = starting_text()
    return None


def split_result(message: dict) -> list[dict]:
    """Voila's ``execution_result`` message for one cell as one message per output, in
    order; the page closes its execution socket on the message whose ``cell_index + 1`` is
    ``total_cell``, so every part but the last says one cell more. Other messages, and
    results with at most one output, are returned as they are."""
    if not isinstance(message, dict) or message.get("action") != "execution_result":
        return [message]
    payload = message.get("payload") or {}
    cell = payload.get("output_cell") or {}
    outputs = cell.get("outputs") or []
    if len(outputs) <= 1:
        return [message]
    parts = []
    for i, output in enumerate(outputs):
        last = i == len(outputs) - 1
        total = payload["total_cell"] if last else payload["total_cell"] + 1
        part = {**payload, "output_cell": {**cell, "outputs": [output]}, "total_cell": total}
        parts.append({**message, "payload": part})
    return parts


def _one_output_at_a_time():
    """Voila's execution socket handler, sending each output of a cell as a message of its
    own (see the module's docstring and :func:`split_result`)."""
    from voila.tornado.execution_request_handler import ExecutionRequestHandler

    class OneOutputAtATime(ExecutionRequestHandler):
        def write_message(self, message, binary=False):
            sent = None
            for part in split_result(message):
                sent = super().write_message(part, binary=binary)
            return sent

    return OneOutputAtATime


def main(argv: list[str] | None = None) -> None:
    from traitlets.config import Config

    # the template folder joins Jupyter's data path (templates are looked up there)
    path = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), path) if p)
    import voila.app
    from voila.app import Voila

    # the app registers the handler class it imported: the workshop's one takes its place
    voila.app.ExecutionRequestHandler = _one_output_at_a_time()
    config = Config()
    config.VoilaConfiguration.prelaunch_hook = prelaunch
    config.VoilaConfiguration.template = TEMPLATE
    Voila.launch_instance(argv=sys.argv[1:] if argv is None else argv, config=config)


if __name__ == "__main__":
    main()


__all__ = [
    "SHARE",
    "TEMPLATE",
    "main",
    "prelaunch",
    "set_xsrf_cookie",
    "split_result",
    "starting_text",
]
