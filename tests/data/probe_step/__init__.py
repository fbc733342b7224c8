"""A throwaway step that lives outside the package: it proves that a new step takes two
edits (its inputs, its ``run`` with its texts) and nothing else. Not part of the method.

Its table ``probe_votes.csv`` counts votes per idea; its setting ``probe.min_votes`` (default
3) says how many make an idea worth doing. The chapter names the ideas that pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from social_strategy.i18n import add_catalog, remove_catalog
from social_strategy.results import Column, SectionResult, Table, finding, msg
from social_strategy.steps import Step, StepResult, register, unregister
from social_strategy.workspace import StepInputs, register_inputs, unregister_inputs
from social_strategy.workspace.schema import Row, Section, TableSpec

NAME = "probe"
ORDER = 6
HERE = Path(__file__).parent


class Vote(Row):
    """One idea and the votes it got."""

    idea: Annotated[str, Field(min_length=1)]
    votes: int = Field(ge=0)
    note: str | None = None


class ProbeSettings(Section):
    """The probe's settings."""

    #: votes an idea needs to be worth doing
    min_votes: int = Field(default=3, ge=1)


INPUTS = StepInputs(
    step=NAME,
    order=ORDER,
    settings=ProbeSettings,
    tables=(
        TableSpec(
            "probe_votes",
            Vote,
            "Ideas and their votes (the probe step).",
            id_columns=("idea",),
            aliases={"votes": ("stimmen",)},
            form=True,
        ),
    ),
)

#: its notebook lives beside this module, not in the workbook's notebooks/
STEP = Step(NAME, ORDER, __name__, folder=HERE)


def run(ws, ctx) -> StepResult:
    """The ideas with at least ``min_votes`` votes."""
    result = StepResult(SectionResult(section=NAME, order=ORDER))
    votes = ws.table("probe_votes")
    chosen = votes[votes["votes"] >= ctx.settings.min_votes]
    result.section.summary.append(
        finding("probe.summary.chosen", "info", n=len(chosen), of=len(votes))
    )
    result.section.tables.append(
        Table(
            id="chosen",
            title=msg("probe.table.chosen"),
            columns=[
                Column(key="idea", label="probe.col.probe_votes.idea"),
                Column(key="votes", label="probe.col.probe_votes.votes", format="num"),
            ],
            rows=chosen[["idea", "votes"]].to_dict("records"),
        )
    )
    return result


def install() -> None:
    """Register the step, its inputs and its texts; called again (a notebook cell run
    twice), the registry keeps them as they are."""
    register_inputs(INPUTS)
    register(STEP)
    add_catalog(HERE / "i18n")


def uninstall() -> None:
    remove_catalog(HERE / "i18n")
    unregister(NAME)
    unregister_inputs(NAME)
