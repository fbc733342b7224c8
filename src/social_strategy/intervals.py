"""Intervals on the change of a figure between two reports: whether it moved beyond noise.

Pure functions (the standard library only), used by the review chapter
(:mod:`social_strategy.report.review`) and tested by a no-effect simulation
(tests/test_review.py: two samples of the same process are called "changed" in at most
5 % of pairs) and a planted effect (found most of the time).

- a share (negative mentions, share of voice, answered questions): the difference of two
  proportions with Newcombe's hybrid score interval (method 10), built from Wilson
  intervals; it behaves at small counts and at 0 % or 100 %, unlike the Wald interval;
- a count per time (mentions a week, posts a week): the ratio of two Poisson rates,
  exactly, from the conditional binomial of the first count given the total
  (Clopper-Pearson limits, turned into rate ratios);
- a mean per post (engagement rate, reach per post): Welch's interval on the difference
  of the means (posts vary a lot, so the per-post spread is used, not a Poisson model).

A review compares a dozen KPIs at once; so that two exports of the same process make no
claim at all in 95 % of reviews, the review asks each interval for level 1 - 0.05/m
(Bonferroni over the m KPIs it tests), not 95 % each.
"""

from __future__ import annotations

import math
from statistics import NormalDist, fmean, variance

#: two-sided 95 %
Z95 = NormalDist().inv_cdf(0.975)


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of the share k/n (as fractions); (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_difference(
    k1: float, n1: float, k2: float, n2: float, z: float = Z95
) -> tuple[float, float, float]:
    """The change of a share from k1/n1 (then) to k2/n2 (now), as fractions: (difference,
    low, high), Newcombe's hybrid score interval."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, z)
    l2, u2 = wilson(k2, n2, z)
    d = p2 - p1
    low = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return d, max(-1.0, low), min(1.0, high)


def _beta_ppf(q: float, a: float, b: float) -> float:
    """The q-quantile of Beta(a, b) by bisection on the regularized incomplete beta."""
    lo, hi = 0.0, 1.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if _betainc(a, b, mid) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta (Numerical Recipes, modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def clopper_pearson(k: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Exact binomial interval of k/n."""
    low = 0.0 if k <= 0 else _beta_ppf(alpha / 2, k, n - k + 1)
    high = 1.0 if k >= n else _beta_ppf(1 - alpha / 2, k + 1, n - k)
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


def t_quantile(p: float, df: float) -> float:
    """The p-quantile (p > 0.5) of Student's t with ``df`` degrees of freedom, by bisection
    on its distribution function (the regularized incomplete beta)."""

    def upper_tail(t: float) -> float:  # P(T > t) for t >= 0
        return 0.5 * _betainc(df / 2, 0.5, df / (df + t * t))

    lo, hi = 0.0, 1.0
    while upper_tail(hi) > 1 - p:
        hi *= 2
    for _ in range(100):
        mid = (lo + hi) / 2
        if upper_tail(mid) > 1 - p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def z_quantile(p: float) -> float:
    return NormalDist().inv_cdf(p)


def beyond_noise(low: float, high: float, null: float = 0.0) -> bool:
    """Whether the interval excludes "no change" (0 for a difference, 1 for a ratio)."""
    return low > null or high < null


__all__ = [
    "Z95",
    "beyond_noise",
    "clopper_pearson",
    "mean_difference",
    "newcombe_difference",
    "rate_ratio",
    "t_quantile",
    "wilson",
    "z_quantile",
]
