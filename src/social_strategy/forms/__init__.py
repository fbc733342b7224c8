"""Workshop forms (ipywidgets): answers go straight into the client's workspace.

Every form validates before it writes, writes atomically with a backup, reloads the
workspace and refreshes the step's results below it. Forms are never part of a headless
render: notebooks show them only when ``interactive`` is true.
"""

from .channels import channels_form
from .communities import communities_form
from .firm import firm_form
from .influencers import influencers_form
from .resources import budget_form, team_form
from .risks import risks_form

__all__ = [
    "budget_form",
    "channels_form",
    "communities_form",
    "firm_form",
    "influencers_form",
    "risks_form",
    "team_form",
]
