"""Intervals on the change of a figure between two reports: whether it moved beyond noise.

Pure functions (the standard library and scipy's distributions), used by the review chapter
(:mod:`social_strategy.report.review`) and tested by a no-effect simulation
(tests/test_review.py: two samples of the same process are called "changed" in at most
5 % of pairs) and a planted effect (found most of the time).

- a share (negative mentions, share of voice, answered questions): the difference of two
  proportions with Newcombe's hybrid score interval (method 10), built from Wilson
  intervals; it behaves at small counts and at 0 % or 100 %, unlike the Wald interval;
- a count per time (mentions a week, posts a week): the ratio of two Poisson rates,
  exactly, from the conditional binomial of the first count given the total
  (Clopper-Pearson limits, turned into rate ratios);
- a value per post (engagement rate, reach per post): the ratio of the typical post's
  value (geometric means), Welch's interval on the log scale (posts vary a lot and a viral
  post is common, so the per-post spread is used, not a Poisson model, and not the raw
  mean that one post can carry).

A review compares a dozen KPIs at once; so that two exports of the same process make no
claim at all in 95 % of reviews, the review asks each interval for level 1 - 0.05/m
(Bonferroni over the m KPIs it tests), not 95 % each.
"""

from __future__ import annotations

import math
from statistics import NormalDist, fmean, variance

#: two-sided 95 %
Z95 = NormalDist().inv_cdf(0.975)


def wilson(k: float, n: float, z: float = Z95, cc: bool = False) -> tuple[float, float]:
    """Wilson score interval of the share k/n (as fractions); (0, 1) when n is 0. With
    ``cc`` the continuity-corrected version (Newcombe 1998, method 4)."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    if cc:
        denom = 2 * (n + z * z)
        low = (
            2 * n * p
            + z * z
            - 1
            - z * math.sqrt(max(0.0, z * z - 2 - 1 / n + 4 * p * (n * (1 - p) + 1)))
        ) / denom
        high = (
            2 * n * p
            + z * z
            + 1
            + z * math.sqrt(max(0.0, z * z + 2 - 1 / n + 4 * p * (n * (1 - p) - 1)))
        ) / denom
    else:
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        low, high = centre - half, centre + half
    low = 0.0 if k <= 0 else max(0.0, low)
    high = 1.0 if k >= n else min(1.0, high)
    return low, high


def newcombe_difference(
    k1: float, n1: float, k2: float, n2: float, z: float = Z95, cc: bool = True
) -> tuple[float, float, float]:
    """The change of a share from k1/n1 (then) to k2/n2 (now), as fractions: (difference,
    low, high), Newcombe's hybrid score interval from continuity-corrected Wilson
    intervals (method 11; ``cc=False``: method 10). The correction keeps the interval at
    its level at the small error rates a review of many KPIs asks for."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, z, cc)
    l2, u2 = wilson(k2, n2, z, cc)
    d = p2 - p1
    low = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return d, max(-1.0, low), min(1.0, high)


def clopper_pearson(k: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Exact binomial interval of k/n."""
    from scipy.stats import beta

    low = 0.0 if k <= 0 else float(beta.ppf(alpha / 2, k, n - k + 1))
    high = 1.0 if k >= n else float(beta.ppf(1 - alpha / 2, k + 1, n - k))
    return low, high


def rate_ratio(
    c1: int, t1: float, c2: int, t2: float, alpha: float = 0.05
) -> tuple[float | None, float, float]:
    """The ratio of the rate now (c2 events in exposure t2) to the rate then (c1 in t1):
    (ratio, low, high), exact conditional interval. The ratio is None when c1 is 0; the
    high limit is infinite when c1 is 0, the low 0 when c2 is 0."""
    n = c1 + c2
    if n == 0:
        return None, 0.0, math.inf
    # given the total, c2 ~ Binomial(n, p) with p = r t2 / (t1 + r t2), r the rate ratio
    low_p, high_p = clopper_pearson(c2, n, alpha)

    def ratio(p: float) -> float:
        return math.inf if p >= 1 else (p / (1 - p)) * (t1 / t2)

    point = None if c1 == 0 else (c2 / t2) / (c1 / t1)
    return point, ratio(low_p), ratio(high_p)


def mean_difference(
    then: list[float], now: list[float], alpha: float = 0.05
) -> tuple[float, float, float] | None:
    """Welch's interval of mean(now) - mean(then) at level 1 - alpha (Student's t with the
    Welch-Satterthwaite degrees of freedom); None with fewer than two values a side or no
    spread at all."""
    if len(then) < 2 or len(now) < 2:
        return None
    v1, v2 = variance(then) / len(then), variance(now) / len(now)
    se = math.sqrt(v1 + v2)
    d = fmean(now) - fmean(then)
    if se == 0:
        return d, d, d
    df = (v1 + v2) ** 2 / (v1**2 / (len(then) - 1) + v2**2 / (len(now) - 1))
    t = t_quantile(1 - alpha / 2, df)
    return d, d - t * se, d + t * se


def log_ratio(
    then: list[float], now: list[float], alpha: float = 0.05, offset: float = 1.0
) -> tuple[float, float, float] | None:
    """The typical per-post value now against then, as the ratio of geometric means of
    value + ``offset`` (which keeps a post with 0 in; small against the values: 1 for a
    reach, 0.1 for an engagement rate in %), with Welch's interval on the log scale:
    (ratio, low, high); None with fewer than two posts a side. Reach and engagement are
    heavy-tailed: one viral post must not decide."""
    result = mean_difference(
        [math.log(max(v, 0.0) + offset) for v in then],
        [math.log(max(v, 0.0) + offset) for v in now],
        alpha,
    )
    if result is None:
        return None
    d, low, high = result
    return math.exp(d), math.exp(low), math.exp(high)


def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with ``df`` degrees of freedom."""
    from scipy.stats import t

    return float(t.ppf(p, df))


def z_quantile(p: float) -> float:
    return NormalDist().inv_cdf(p)


def beyond_noise(low: float, high: float, null: float = 0.0) -> bool:
    """Whether the interval excludes "no change" (0 for a difference, 1 for a ratio)."""
    return low > null or high < null


__all__ = [
    "Z95",
    "beyond_noise",
    "clopper_pearson",
    "log_ratio",
    "mean_difference",
    "newcombe_difference",
    "rate_ratio",
    "t_quantile",
    "wilson",
    "z_quantile",
]
