"""Step 4: resources. Time, budget and trained people against the plan: enough or not.

- :mod:`.hours`: the hours per week the presence needs, activity by activity;
- :mod:`.team`: who carries them, evening and weekend coverage, and the flags;
- :mod:`.money`: the 12-month budget and the scenarios that close a gap;
- :mod:`.chapter`: all of it combined into the chapter's result and its verdict (``run``);
- :mod:`.charts`, :mod:`.tables`: the charts and the notebook's tables.
"""

from .chapter import SECTION, Resources, run
from .tables import budget_frame, hours_frame, scenario_frame, team_frame, verdict_markdown

__all__ = [
    "SECTION",
    "Resources",
    "budget_frame",
    "hours_frame",
    "run",
    "scenario_frame",
    "team_frame",
    "verdict_markdown",
]
