"""The response playbook: the first hour and the first day after a complaint takes off.

Fixed steps (after the method: react fast and openly, contain the spread, never arrogance
or silence), each with who does it. Where the workspace has a team table (step 4), the
people named there are listed beside the roles; otherwise the roles stand.
"""

from __future__ import annotations

from dataclasses import dataclass

#: (phase, step code, owner role)
STEPS = (
    ("hour", "confirm", "owner.social_team"),
    ("hour", "classify", "owner.social_team"),
    ("hour", "hold", "owner.social_team"),
    ("hour", "escalate", "owner.management"),
    ("hour", "no_delete", "owner.social_team"),
    ("day", "facts", "owner.management"),
    ("day", "respond", "owner.management"),
    ("day", "answer", "owner.customer_service"),
    ("day", "watch", "owner.social_team"),
    ("day", "review", "owner.management"),
)


@dataclass(frozen=True)
class PlaybookStep:
    phase: str
    code: str
    owner: str


def playbook() -> list[PlaybookStep]:
    return [PlaybookStep(*s) for s in STEPS]


__all__ = ["STEPS", "PlaybookStep", "playbook"]
