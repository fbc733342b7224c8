"""Step 2: communities and their rules, competitors, a content plan that is networking, not spam.

- :mod:`.register`: suitability of each community and its rules-of-engagement card;
- :mod:`.plan_checks`: the content plan's checks (80/20, community rules, repeats, teasers,
  contests) and a spam-risk score per channel; :mod:`.similarity` finds repeated messages;
- :mod:`.competitors`: competitors side by side with the firm;
- :mod:`.chapter`: all of it combined into the chapter's result (``run``);
- :mod:`.calendar`: the content plan as an iCalendar file and a scheduler's bulk CSV;
- :mod:`.tables`: the results as tables for the notebook.
"""

from .chapter import SECTION, Communities, run
from .tables import (
    cards_frame,
    competitor_channels_frame,
    competitors_frame,
    findings_frame,
    register_frame,
    risk_frame,
)

__all__ = [
    "SECTION",
    "Communities",
    "cards_frame",
    "competitor_channels_frame",
    "competitors_frame",
    "findings_frame",
    "register_frame",
    "risk_frame",
    "run",
]
