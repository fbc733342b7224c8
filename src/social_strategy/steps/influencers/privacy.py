"""Pseudonyms: people in the report are shown by a stable code, not by handle or name.

A pseudonym is derived from the normalised handle with a keyed hash (HMAC-SHA-256), so the
same person gets the same code in every render and every language, and a code cannot be
turned back into a handle without the key. The key is ``settings.influencers.pseudonym_key``
when set, else the firm's name; whoever knows the key and guesses a handle can check the
guess, so a firm that shares reports outside should set its own key.

Who is pseudonymised (``settings.influencers.pseudonymise``):
``private`` (default): private persons: customers, employees, accounts in the interaction
data that are not on the candidate list, and any candidate not marked ``public: yes``
(creators and journalists count as public unless marked ``public: no``);
``all``: everyone; ``none``: nobody (for a firm-internal working copy only).
"""

from __future__ import annotations

import hashlib
import hmac

PUBLIC_TYPES = ("creator", "journalist")
PREFIX = "P-"


def is_public(kind: str | None, public: bool | None) -> bool:
    if public is not None:
        return bool(public)
    return kind in PUBLIC_TYPES


class Pseudonyms:
    """Stable codes for handles (``P-3FA1C2``), longer where two would collide."""

    def __init__(self, key: str, mode: str = "private") -> None:
        self.key = key.encode("utf-8")
        self.mode = mode
        self._codes: dict[str, str] = {}
        self._taken: set[str] = set()

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

    def label(self, handle: str, public: bool) -> str:
        """What the report shows for an account."""
        return self.code(handle) if self.hides(public) else "@" + handle


__all__ = ["PREFIX", "PUBLIC_TYPES", "Pseudonyms", "is_public"]
