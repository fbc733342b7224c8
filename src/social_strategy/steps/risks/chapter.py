"""Step 5's chapter: the risk register, the playbook, the spread of a complaint, the
monitoring plan, the mentions dashboard and the KPIs, combined into the section result.

Each part is written by a module of its own: :mod:`.register_section` (register, cases,
playbook), :mod:`.spread_section`, :mod:`.links_section` (the content plan),
:mod:`.monitoring_section` (terms, places, the mentions counted), :mod:`.dashboard_section`
(spikes, authors, queue), :mod:`.tone_section` (the tone and the method note) and
:mod:`.kpi_section`; :mod:`.model` holds the result and :mod:`.notes` what
``social-strategy validate`` says about the mentions export.
"""

from __future__ import annotations

from ...results import SectionResult, msg
from ...workspace import Workspace
from ..base import Context
from . import monitoring, register, spread
from .kpi_section import add_kpis, kpi_kind
from .links_section import add_plan_links
from .model import FEW_MATCHED, OLD_DAYS, ORDER, QUEUE, SECTION, TOP, Risks
from .monitoring_section import add_mentions, add_monitoring_plan, places
from .notes import validate_notes
from .register_section import TOP_FIELDS, add_cases, add_playbook, add_register
from .spread_section import add_spread, audience_size
from .tone_section import add_method


def run(ws: Workspace, ctx: Context) -> Risks:
    settings = ctx.settings
    section = SectionResult(section=SECTION, order=ORDER)
    reg = register.assess(ws.table("risks"))
    sp = settings.spread
    audience, audience_from = audience_size(ws, sp)
    model = spread.SpreadModel(
        sp.initial_audience,
        sp.r_before,
        sp.r_after,
        sp.generation_hours,
        audience=max(audience, sp.initial_audience),
    )
    mon = ws.strategy.monitoring
    terms = {k: list(getattr(mon, k)) for k in monitoring.KINDS}
    result = Risks(
        section=section,
        register=reg,
        cases=register.cases(),
        spread_model=model,
        spread_curve=spread.curve(model),
        response_hours=sp.response_hours,
        audience_from=audience_from,
        terms=terms,
        places=places(ws, settings),
        settings=settings,
    )
    add_register(result)
    add_cases(result)
    add_playbook(result, ws)
    add_spread(result, settings)
    add_monitoring_plan(result)
    add_plan_links(result, ws)
    if ws.has("mentions"):
        add_mentions(result, ws, settings, ctx.report_date)
    else:
        section.open_questions.append(msg("risks.question.mentions"))
    add_kpis(result, ws)
    if result.mentions is not None:
        # the method note: the tone scorers' scores measured on data they were not trained on
        add_method(result.section)
    return result


__all__ = [
    "FEW_MATCHED",
    "OLD_DAYS",
    "ORDER",
    "QUEUE",
    "SECTION",
    "TOP",
    "TOP_FIELDS",
    "Risks",
    "kpi_kind",
    "run",
    "validate_notes",
]
