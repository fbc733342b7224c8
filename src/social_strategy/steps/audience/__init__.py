"""Step 1: target groups. Whom to reach, on which networks, when, and whether at all.

- :mod:`.reach`: published platform use by age, weighted by the firm's segments;
- :mod:`.channel_choice`: a verdict with reasons for every channel under consideration;
- :mod:`.posting_times`: the best posting times from the firm's own past posts;
- :mod:`.chapter`: all of it combined into the chapter's result (``run``);
- :mod:`.tables`: the results as tables for the notebook.
"""

from .chapter import SECTION, Audience, run
from .tables import reach_frame, verdict_frame

__all__ = ["SECTION", "Audience", "reach_frame", "run", "verdict_frame"]
