"""Done-when test of step 2: two firms unlike the example, typed from the docs alone, with
planted mistakes and traps (tests/data/firm_b2b, tests/data/firm_funeral; PLANTED.md in each
lists them). Every planted mistake is flagged, no trap is."""

from __future__ import annotations

import pytest

from conftest import REPORT_DATE, TESTS
from social_strategy.i18n import catalog
from social_strategy.notebook import start

B2B = TESTS / "data" / "firm_b2b"
FUNERAL = TESTS / "data" / "firm_funeral"


@pytest.fixture(scope="module")
def b2b(tmp_path_factory):
    session = start(str(B2B), str(tmp_path_factory.mktemp("b2b")), "en", REPORT_DATE, False)
    return session.run("communities"), session.run("audience")


@pytest.fixture(scope="module")
def funeral(tmp_path_factory):
    out = tmp_path_factory.mktemp("funeral")
    session = start(str(FUNERAL), str(out), "de", REPORT_DATE, False)
    return session.run("communities"), session.run("audience")


def _issues(result) -> dict[str, list[tuple[str | None, list[int]]]]:
    found: dict[str, list[tuple[str | None, list[int]]]] = {}
    for i in result.review.issues:
        found.setdefault(i.rule, []).append((i.place, i.rows))
    return found


def _text(result, rule: str, lang: str) -> str:
    (f,) = [f for f in result.section.findings if f.code == f"communities.finding.{rule}"]
    return catalog(lang).text(f.model_dump())


# -- the B2B machine-tool maker ----------------------------------------------------------
# spreadsheet rows: the plan's line number + 1 (the header is row 1)
B2B_PLANTED = {
    # the spindle message again six weeks later, reworded, reordered, longer
    "repeat": [(None, [2, 21])],
    # a plain "post" into a forum where companies may post only in the Vendor corner
    "outside_vendor_area": [("CNCtalk Forum", [3])],
    # three vendor threads in one week where 2 per company are allowed (one per author)
    "company_limit": [("CNCtalk Forum", [11, 13, 15])],
    # the firm's account in a subreddit for individuals, where companies are not welcome
    "not_welcome": [("r/Machinists", [8])],
    "individuals_only": [("r/Machinists", [8])],
    # a link where links are not allowed, a Tuesday where only Fridays are
    "links_forbidden": [("Precision Manufacturing Network", [9])],
    "wrong_day": [("Precision Manufacturing Network", [12])],
    # a hashtag contest going into a weekend with nobody watching and no terms; the other
    # contest (row 23) has both and is only listed for the risk step
    "contest": [(None, [22, 23])],
    "contest_moderation": [(None, [22])],
    "contest_terms": [(None, [22])],
}


def test_b2b_every_planted_mistake_and_no_trap_is_flagged(b2b):
    communities, _ = b2b
    # traps (not flagged): the same-topic spindle-service post (row 10), the answer in the
    # forum's help area (row 6), the trade-fair cross-post on LinkedIn and YouTube in one week
    # (rows 19, 20), a Friday post without link (row 7), one promotion in a one-post week
    # (row 7's week on LinkedIn: row 7), one vendor thread in a week (row 18), one thread each
    # by three authors where a member may post once (rows 11, 13, 15: no over_limit)
    assert _issues(communities) == B2B_PLANTED


def test_b2b_the_repeat_names_the_pair_and_both_rows(b2b):
    communities, _ = b2b
    text = _text(communities, "repeat", "en")
    assert "rows 2 and 21" in text


def test_b2b_rules_are_in_the_cards(b2b):
    communities, _ = b2b
    cards = {s.name: s.card for s in communities.suitability}
    forum = [m["code"] for m in cards["CNCtalk Forum"]["may"]]
    assert "communities.card.vendor_area" in forum
    reddit = [m["code"] for m in cards["r/Machinists"]["may"]]
    assert reddit == ["communities.card.may_no_answers"]
    group = [m["code"] for m in cards["Precision Manufacturing Network"]["avoid"]]
    assert {"communities.card.no_links", "communities.card.days"} <= set(group)
    # the free-text rules stay on the card
    assert "Fridays" in cards["Precision Manufacturing Network"]["rules"]


def test_b2b_accounts_with_dates_are_kept(b2b):
    _, audience = b2b
    assert {a.platform: a.decision for a in audience.audit} == {
        "LinkedIn": "keep",
        "YouTube": "keep",
    }


def test_b2b_competitors_per_channel(b2b):
    communities, _ = b2b
    comp = communities.comparison
    rates = {(p.competitor, p.place): p.engagement_rate for p in comp.presence if p.present}
    # interactions per post / followers x 100, per channel
    assert rates[("Voss Tools", "LinkedIn")] == pytest.approx(60 / 1200 * 100)
    assert rates[("Hartmann CNC", "LinkedIn")] == pytest.approx(85 / 5200 * 100)
    assert rates[("Hartmann CNC", "CNCtalk Forum")] is None  # no followers in a forum
    table = next(t for t in communities.section.tables if t.id == "competitor_channels")
    assert len(table.rows) == 6  # the rows with present = no are not drawn
    # two competitors are active in the forum (matched to the register by name): no opening
    assert "CNCtalk Forum" not in comp.openings
    # the newsletter's register says "none": a checked opening; only Kerr checked the group
    assert comp.openings == ["Metalworking Digest"]
    assert comp.unchecked == ["r/Machinists", "Precision Manufacturing Network"]
    assert {(d.competitor, d.platform) for d in comp.dominant} == {
        ("Hartmann CNC", "LinkedIn"),
        ("Voss Tools", "YouTube"),
    }


def test_b2b_the_warned_competitor_is_the_example_not_to_follow(b2b):
    communities, _ = b2b
    cases = {(c[0], c[2]) for c in communities.comparison.lessons}
    assert cases == {("Hartmann CNC", "bad"), ("Voss Tools", "good")}
    text = _text(communities, "lesson_bad", "en")
    assert "Hartmann CNC" in text and "Warned twice" in text and "not to follow" in text


# -- the funeral home ----------------------------------------------------------------------
FUNERAL_PLANTED = {
    # a promotion in a grief forum that bans commercial providers (sensitive: suggested from
    # its name and rules), and an answer as the firm where the rules allow none
    "sensitive_promotion": [("Trauerforum Abschiedsraum", [7])],
    "not_welcome": [("Trauerforum Abschiedsraum", [7, 9])],
    "promotion_forbidden": [("Trauerforum Abschiedsraum", [7])],
    # a Tuesday post in a local group that allows business posts on Fridays only
    "wrong_day": [("Unser Städtchen – Nachbarschaft", [5])],
    # the grief café announced again in other words six weeks later
    "repeat": [(None, [2, 11])],
}


def test_funeral_every_planted_mistake_and_no_trap_is_flagged(funeral):
    communities, _ = funeral
    # traps (not flagged): the first grief year post (same topic as the café, row 8), one
    # promotion in a one-post week on Facebook (row 6), a Friday post in the local group
    # (row 3), an answer to a Google review (row 4), a review place without post dates
    assert _issues(communities) == FUNERAL_PLANTED


def test_funeral_the_harm_is_said_in_plain_words(funeral):
    communities, _ = funeral
    finding = [
        f
        for f in communities.section.findings
        if f.code == "communities.finding.sensitive_promotion"
    ]
    assert finding and finding[0].level == "critical"
    text = _text(communities, "sensitive_promotion", "de")
    assert "Trauer" in text and "verletzt" in text
    english = _text(communities, "sensitive_promotion", "en")
    assert "hurts them" in english


def test_funeral_grief_forum_card_says_do_not_post_and_do_not_answer(funeral):
    communities, _ = funeral
    forum = next(s for s in communities.suitability if s.name == "Trauerforum Abschiedsraum")
    assert forum.sensitive == "suggested"
    assert [m["code"] for m in forum.card["may"]] == ["communities.card.may_no_answers"]
    assert forum.card["avoid"][0]["code"] == "communities.card.avoid_sensitive"
    questions = [q.code for q in communities.section.open_questions]
    assert "communities.question.sensitive" in questions


def test_funeral_spam_risk_follows_the_documented_points(funeral):
    communities, _ = funeral
    risk = {r.place: r for r in communities.review.risks}["Trauerforum Abschiedsraum"]
    # two community rules broken (not welcome, no self-promotion): 30 + 30 = 60, high
    assert risk.score == 60 and risk.level == "high"


def test_funeral_review_place_is_for_answering_and_asking(funeral):
    communities, audience = funeral
    decisions = {a.platform: a for a in audience.audit}
    google = decisions["Google-Bewertungen"]
    assert google.decision == "reviews" and not google.neglected
    # no date given: an open question, never "revive or close"
    insta = decisions["Instagram"]
    assert insta.decision == "check" and not insta.neglected
    assert "audience.audit.no_date" in [m.code for m in insta.reasons]
    reviews = next(s for s in communities.suitability if s.name == "Google-Bewertungen")
    assert reviews.verdict == "engage"
    card = catalog("de").text(reviews.card["may"][0])
    assert "bitten" in card and "nie mit Belohnung" in card
    codes = [m.code for m in reviews.reasons]
    assert "communities.reason.rating" in codes
    assert "communities.reason.review_figures_missing" in codes  # no answer rate given


def test_b2b_competitor_channels_in_the_notebook(b2b):
    from social_strategy.steps.communities import competitor_channels_frame

    communities, _ = b2b
    frame = competitor_channels_frame(communities, catalog("en"))
    assert list(frame.columns)[-1] == "Engagement rate"
    voss = frame[(frame["Firm"] == "Voss Tools") & (frame["Channel or community"] == "LinkedIn")]
    assert voss["Engagement rate"].iloc[0] == "5.0%"


def test_b2b_channel_order_follows_the_goals_and_labels_the_segment(b2b):
    _, audience = b2b
    order = [v.platform for v in audience.verdicts]
    # LinkedIn serves the lead goal (G1); YouTube's 78 % weekly use covers only the students
    assert order[:2] == ["LinkedIn", "YouTube"]
    youtube = next(v for v in audience.verdicts if v.platform == "YouTube")
    covers = [m for m in youtube.reasons if m.code == "audience.reason.figure_covers"]
    assert covers and covers[0].values == {
        "segments": ["Engineering students"],
        "missing": ["Production managers"],
    }


def test_b2b_the_generic_trade_forum_row_is_the_registers_forum(b2b):
    communities, _ = b2b
    comp = communities.comparison
    # channels.csv's "Trade forum" is CNCtalk Forum (the register's only forum): two
    # competitors are there, so it is neither an opening nor unchecked
    assert "Trade forum" not in comp.openings + comp.unchecked
    (one,) = [f for f in communities.section.findings if f.code.endswith("one_verdict")]
    assert one.values["community"] == "CNCtalk Forum"
    text = catalog("en").text(one.model_dump())
    assert "To test" in text and "Take part" in text and "one verdict" in text
