"""Step 3: influencers and multipliers. Whom to approach, as a complementary set.

- :mod:`.graph`: the interaction graph from an edge list or mention texts;
- :mod:`.network`: in-degree, PageRank, betweenness, k-core, communities;
- :mod:`.engagement`: engagement rate, tiers, topic relevance;
- :mod:`.ranking`: the composite ranking with a sentence per person;
- :mod:`.spread`: independent cascade, CELF, reverse influence sampling, paired comparison;
- :mod:`.selection`: the set of k people to approach against the top k by followers/PageRank;
- :mod:`.ambassadors`: employees, their followers and overlap with the brand's audience;
- :mod:`.privacy`: stable pseudonyms;
- :mod:`.charts`: the top accounts and their links; the spreads compared;
- :mod:`.chapter`: all of it combined into the chapter's result (``run``);
- :mod:`.tables`: the results as tables for the notebook.
"""

from .chapter import SECTION, Influencers, run
from .tables import ambassador_frame, overlap_frame, ranking_frame, sets_frame

__all__ = [
    "SECTION",
    "Influencers",
    "ambassador_frame",
    "overlap_frame",
    "ranking_frame",
    "run",
    "sets_frame",
]
