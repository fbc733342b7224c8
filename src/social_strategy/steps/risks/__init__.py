"""Step 5: risk scenarios, a response playbook, the spread of a complaint, and monitoring.

- :mod:`.register`: the risk register on a 5x5 matrix, SCCT crisis clusters, classic cases;
- :mod:`.playbook`: the first hour and the first day;
- :mod:`.spread`: a complaint's spread as a branching process, simulated;
- :mod:`.monitoring`: mentions: matching, volume spikes, sentiment, queue, share of voice;
- :mod:`.sentiment`: German (trained on PotTS) and English (VADER) sentiment, offline;
- :mod:`.chapter`: all of it combined into the chapter's result (``run``);
- :mod:`.tables`: the results as tables for the notebook.
"""

from .chapter import SECTION, Risks, run
from .tables import (
    cases_frame,
    counted_frame,
    queue_frame,
    register_frame,
    sentiment_frame,
    spread_frame,
)

__all__ = [
    "SECTION",
    "Risks",
    "cases_frame",
    "counted_frame",
    "queue_frame",
    "register_frame",
    "run",
    "sentiment_frame",
    "spread_frame",
]
