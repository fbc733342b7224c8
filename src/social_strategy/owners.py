"""Real owners for actions and playbook steps: the firm's own people from team.csv.

Steps name an action's owner by the kind of work (``owner.social_team``,
``owner.customer_service``, ``owner.management``). Once the resources step has read the
firm's team (its result carries ``data["team"]``), every such code becomes a person of that
team, mapped from the kind of work each person does (team.csv ``work``):

- a firm of one: its one person, whatever the kind;
- ``owner.social_team``: someone who posts; ``owner.customer_service``: someone who answers
  comments or criticism; ``owner.management``: the person whose ``work`` names ``lead``;
- among several, employees before agencies, trained before untrained, trainees last, then
  the order of team.csv;
- nobody fits, or no team is known: ``owner.unassigned`` ("to be assigned"), never a
  department the firm may not have.

``owner.consultant`` (the consultant running the workbook) and owners the firm typed itself
(risks.csv) are kept. This is the one place owners are decided; the report calls
:func:`assign` on all sections before it builds the 90-day plan and the tables.
"""

from __future__ import annotations

from typing import Any

from .results import SectionResult

#: owner code -> the kinds of work (team.csv ``work``) that fit it; explicit: only a person
#: who names the kind in ``work`` fits (an employee with an empty ``work`` does not lead)
KINDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "owner.social_team": (("posting", "video"), False),
    "owner.customer_service": (("comments", "criticism"), False),
    "owner.management": (("lead",), True),
}
KEEP = ("owner.consultant", "owner.unassigned")
UNASSIGNED = "owner.unassigned"
PERSON = "owner.person"


def team_of(sections: list[SectionResult]) -> list[dict[str, Any]] | None:
    """The team the resources step read (None: no resources result or no team)."""
    for s in sections:
        if s.section == "resources" and isinstance(s.data, dict):
            team = s.data.get("team")
            return list(team) if team else None
    return None


def owner(code: str | None, team: list[dict[str, Any]] | None) -> str | None:
    """The person for an owner code; None: to be assigned; other text: kept as it is."""
    if not code or not code.startswith("owner.") or code in KEEP:
        return code
    if not team:
        return None
    if len(team) == 1:
        return str(team[0]["person"])
    kinds, explicit = KINDS.get(code, ((), True))

    def does(p: dict[str, Any]) -> list[str]:
        return list((p.get("work") if explicit else p.get("does") or p.get("work")) or [])

    fits = [p for p in team if any(k in does(p) for k in kinds)]
    if not fits:
        return None
    fits.sort(
        key=lambda p: (bool(p.get("external")), p.get("trained") != "yes", bool(p.get("trainee")))
    )
    return str(fits[0]["person"])


def _cell(value: Any, team: list[dict[str, Any]] | None) -> Any:
    if isinstance(value, dict) and str(value.get("code", "")).startswith("owner."):
        if value.get("values"):
            return value
        code = value["code"]
        name = owner(code, team)
        if name is None:
            return {"code": UNASSIGNED, "values": {}}
        if name == code:
            return value
        return {"code": PERSON, "values": {"name": name}}
    return value


def assign(sections: list[SectionResult]) -> list[SectionResult]:
    """The sections with every owner code in actions and table cells made a real owner."""
    team = team_of(sections)
    out = []
    for s in sections:
        actions = [
            a.model_copy(update={"owner": owner(a.owner, team) or UNASSIGNED}) for a in s.actions
        ]
        tables = [
            t.model_copy(
                update={"rows": [{k: _cell(v, team) for k, v in row.items()} for row in t.rows]}
            )
            for t in s.tables
        ]
        out.append(s.model_copy(update={"actions": actions, "tables": tables}))
    return out


__all__ = ["KEEP", "KINDS", "PERSON", "UNASSIGNED", "assign", "owner", "team_of"]
