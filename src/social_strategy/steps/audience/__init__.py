"""Step 1: target groups. Whom to reach, on which networks, when, and whether at all.

- :mod:`.reach`: published platform use by age, weighted by the firm's segments, and
  whether the target group is on social media at all (the go/no-go);
- :mod:`.channel_choice`: a verdict with reasons for every channel under consideration,
  and an audit (keep / revive / close / claim) of every existing account;
- :mod:`.posting_times`: the best posting times from the firm's own past posts;
- :mod:`.chapter`: all of it combined into the chapter's result (``run``);
- :mod:`.tables`: the results as tables for the notebook.
"""

from .chapter import SECTION, Audience, run
from .tables import audit_frame, reach_frame, segments_frame, times_text, verdict_frame

__all__ = [
    "SECTION",
    "Audience",
    "audit_frame",
    "reach_frame",
    "run",
    "segments_frame",
    "times_text",
    "verdict_frame",
]
