"""The workshop's Voila server: Voila as ``python -m voila`` starts it, with three changes.

- Every page gets Tornado's ``_xsrf`` cookie. Voila's page shuts its kernel down on
  ``beforeunload`` with ``POST /voila/api/shutdown/<id>``, sending the ``_xsrf`` cookie's value;
  Voila itself never sets that cookie, so every shutdown was refused (403 "'_xsrf' argument
  missing") and every page view left its kernel running.
- Idle kernels whose page is gone are culled (``--MappingKernelManager.cull_idle_timeout``,
  set by :func:`social_strategy.workshop.command`), for pages whose shutdown never arrived
  (a browser that crashed, a laptop put to sleep).
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


def main(argv: list[str] | None = None) -> None:
    from traitlets.config import Config

    # the template folder joins Jupyter's data path (templates are looked up there)
    path = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), path) if p)
    from voila.app import Voila

    config = Config()
    config.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
    config.VoilaConfiguration.template = TEMPLATE
    Voila.launch_instance(argv=sys.argv[1:] if argv is None else argv, config=config)


if __name__ == "__main__":
    main()


__all__ = ["SHARE", "TEMPLATE", "main", "set_xsrf_cookie"]
