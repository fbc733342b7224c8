"""Pseudonyms: private persons in the report are shown by a readable label with a stable code
(``a customer on LinkedIn (P-AEB776)``), never by handle or name.

A pseudonym is derived from the normalised handle with a keyed hash (HMAC-SHA-256), so the
same person gets the same code in every render and every language, and a code cannot be
turned back into a handle without the key. The key is ``settings.influencers.pseudonym_key``
when set, else the firm's name; whoever knows the key and guesses a handle can check the
guess, so a firm that shares reports outside should set its own key.

The table that maps the codes back to handles (:func:`write_key`) is written beside the
report for the consultant (``pseudonym_key.csv`` in the results folder), never into it: data
pseudonymised with the key kept separately (GDPR Art. 4(5)).

Who is pseudonymised (``settings.influencers.pseudonymise``):
``private`` (default): private persons: customers, employees who are not on the firm's own
team list, community groups led by private persons, accounts in the interaction data that
are not on the candidate list, and any candidate not marked ``public: yes``. Accounts in a
public role (:data:`PUBLIC_TYPES`: creators, journalists, organisations, associations,
academics, organisers, public bodies, brands) are named unless marked ``public: no``; the
firm's own people (team.csv) are named to their own firm;
``all``: everyone; ``none``: nobody (for a firm-internal working copy only).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from pathlib import Path
from typing import Any

from ...workspace.inputs.influencers import PUBLIC_TYPES, TYPES

PREFIX = "P-"
#: what a label can say a pseudonymised account is
KINDS = (*TYPES, "interaction_account")
#: the key file beside the report (for the consultant; not part of the report)
KEY_FILE = "pseudonym_key.csv"

__all__ = [
    "KEY_FILE",
    "KINDS",
    "PREFIX",
    "PUBLIC_TYPES",
    "Pseudonyms",
    "is_public",
    "who",
    "write_key",
]


def is_public(kind: str | None, public: bool | None) -> bool:
    if public is not None:
        return bool(public)
    return kind in PUBLIC_TYPES


def who(code: str, kind: str | None = None, platform: str | None = None) -> dict[str, Any]:
    """The readable label of a pseudonym, as a message: type, network and code."""
    values: dict[str, Any] = {
        "who": {"code": f"influencers.who.type.{kind if kind in KINDS else 'account'}"},
        "code": code,
    }
    if isinstance(platform, str) and platform.strip():
        values["platform"] = platform.strip()
        return {"code": "influencers.who.on_platform", "values": values}
    return {"code": "influencers.who.plain", "values": values}


class Pseudonyms:
    """Stable codes for handles (``P-3FA1C2``), longer where two would collide."""

    def __init__(self, key: str, mode: str = "private") -> None:
        self.key = key.encode("utf-8")
        self.mode = mode
        self._codes: dict[str, str] = {}
        self._taken: set[str] = set()
        #: handle -> (code, what the label says) of everyone shown under a pseudonym
        self.shown: dict[str, tuple[str, str]] = {}

    def code(self, handle: str) -> str:
        if handle not in self._codes:
            digest = hmac.new(self.key, handle.encode("utf-8"), hashlib.sha256).hexdigest().upper()
            length = 6
            while PREFIX + digest[:length] in self._taken:
                length += 1
            code = PREFIX + digest[:length]
            self._taken.add(code)
            self._codes[handle] = code
        return self._codes[handle]

    def hides(self, public: bool) -> bool:
        return self.mode == "all" or (self.mode == "private" and not public)

    def label(
        self,
        handle: str,
        public: bool,
        kind: str | None = None,
        platform: str | None = None,
        name: str | None = None,
    ) -> str | dict[str, Any]:
        """What the report shows for an account: ``@handle`` (or the ``name`` given), or a
        readable label with the pseudonym (a message, translated when the report is made)."""
        if not self.hides(public):
            return name if name else "@" + handle
        code = self.code(handle)
        self.shown[handle] = (code, kind or "account")
        return who(code, kind, platform)


def write_key(names: Pseudonyms, folder: Path | str) -> Path | None:
    """Write the codes and the handles they stand for to ``folder/pseudonym_key.csv`` (for the
    consultant, beside the report); nothing when nobody is pseudonymised. Cells a spreadsheet
    would run as a formula are prefixed with ``'``."""
    from ...results import write_atomic

    if not names.shown:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "handle", "type"])
    for handle, (code, kind) in sorted(names.shown.items(), key=lambda kv: kv[1][0]):
        cell = handle
        writer.writerow([code, "'" + cell if cell[:1] in "=+-@" else cell, kind])
    path = Path(folder) / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, out.getvalue())
    return path
