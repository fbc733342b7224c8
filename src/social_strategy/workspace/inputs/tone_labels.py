"""Step 5's optional tone labels: the consultant's own reading of a random sample of mentions.

The workshop draws the sample (``steps.risks.tone.label_sample``: seeded, in random order,
default 100 mentions) into ``tone_labels.csv``; the consultant fills ``tone`` with
negative / neutral / positive / not about us, in the order given (the first k labelled rows
of a random order are a random sample). The chapter then takes the negative share from
these labels and the scorers' predictions on all mentions (prediction-powered inference).
Rows without a tone are not labelled yet and are ignored.
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from ..schema import Row, StepInputs, TableSpec

TONES = ("negative", "neutral", "positive", "not_about_us")
_SPOKEN = {
    "negativ": "negative",
    "positiv": "positive",
    "not_about_us": "not_about_us",
    "not_about": "not_about_us",
    "nicht_über_uns": "not_about_us",
    "nicht_ueber_uns": "not_about_us",
    "off_topic": "not_about_us",
}


class ToneLabel(Row):
    """One labelled (or not yet labelled) mention."""

    #: the mention's id (a hash of its time, author and text; written with the sample)
    mention: str
    #: the mention's text, for reading (not checked against the export)
    text: str | None = None
    tone: Literal[TONES] | None = None  # type: ignore[valid-type]

    @field_validator("tone", mode="before")
    @classmethod
    def _tone(cls, value: object) -> object:
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            return _SPOKEN.get(key, key) or None
        return value


INPUTS = StepInputs(
    step="risks",
    order=5,
    tables=(
        TableSpec(
            "tone_labels",
            ToneLabel,
            "The consultant's tone labels on a random sample of mentions (step 5).",
            id_columns=("mention",),
            aliases={
                "mention": ("id", "mention_id", "key", "nennung"),
                "text": ("inhalt", "content"),
                "tone": ("label", "ton", "tonalität", "tonality", "sentiment"),
            },
        ),
    ),
)


__all__ = ["INPUTS", "TONES", "ToneLabel"]
