"""The language messages are given in: the client's, unless the consultant asks otherwise.

``validate``, ``render``, ``rebuild`` and ``render-batch`` speak to the client in the
workspace's language (``firm.language`` in strategy.yaml; for ``rebuild`` the render's);
``--lang`` or the environment variable ``SOCIAL_STRATEGY_LANG`` override it. English is the
code's own wording (``str(problem)``), so scripts that read English messages keep working.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError, Problem, localise

#: overrides the language of the messages
LANG_VARIABLE = "SOCIAL_STRATEGY_LANG"


def message_language(
    lang: str | None = None, *, workspace: Path | str | None = None, folder: Path | None = None
) -> str | None:
    """``lang`` (the first of a list such as ``de,en``), else SOCIAL_STRATEGY_LANG, else the
    workspace's ``firm.language`` (or the render folder's language); None: English."""
    from .i18n import available_languages

    known = available_languages()
    for given in (lang, os.environ.get(LANG_VARIABLE)):
        first = (given or "").split(",")[0].strip().lower()
        if first in known:
            return first
    try:
        if workspace is not None:
            from .workspace.strategy_file import declared_language

            found = declared_language(workspace)
        elif folder is not None:
            import json

            meta = Path(folder).expanduser() / "results" / "report.json"
            with meta.open(encoding="utf-8") as fh:
                found = json.loads(fh.read(100_000)).get("language")
        else:
            found = None
    except Exception:  # the language of a message is never worth a traceback
        found = None
    return found if found in known else None


def problem_text(problem: Problem, lang: str | None) -> str:
    """One problem in ``lang`` (English, the code's wording, when None or ``en``)."""
    if lang in (None, "en"):
        return str(problem)
    from .i18n import catalog

    return localise(problem, catalog(lang))


def problems_text(exc: InputError, lang: str | None) -> str:
    """All problems as the command line lists them, under a heading in ``lang``."""
    if lang in (None, "en"):
        return str(exc)
    from .i18n import catalog

    head = catalog(lang).t("problem.heading", n=len(exc.problems))
    return "\n".join([head, *(f"  - {problem_text(p, lang)}" for p in exc.problems)])


__all__ = ["LANG_VARIABLE", "message_language", "problem_text", "problems_text"]
