"""Workshop forms (ipywidgets): answers go straight into the client's workspace.

Every form checks the whole workspace before it writes, writes atomically with a backup and
only what changed, then runs again the steps that depend on it and rebuilds the report.
Forms are never part of a headless render: notebooks show them only when ``interactive``.
"""

from .firm import firm_form, goals_form
from .grid import GridForm, table_form
from .tables import (
    budget_form,
    channels_form,
    communities_form,
    form_for,
    influencers_form,
    risks_form,
    segments_form,
    step_forms,
    team_form,
)
from .wizard import workshop_wizard

__all__ = [
    "GridForm",
    "budget_form",
    "channels_form",
    "communities_form",
    "firm_form",
    "form_for",
    "goals_form",
    "influencers_form",
    "risks_form",
    "segments_form",
    "step_forms",
    "table_form",
    "team_form",
    "workshop_wizard",
]
