"""The method, one step per module or package, in the order a workshop walks them.

Every step has the same signature (see :mod:`.base`): the validated workspace and a
:class:`~.base.Context` in, a :class:`~.base.StepResult` out. Steps are pure: they know
nothing of notebooks, reports or output formats. ``STEPS`` is the one list that the
pipeline, the notebooks (through :class:`~social_strategy.notebook.Session`), the forms,
the benchmark and the tests read; importing it imports no step module.
"""

from __future__ import annotations

from .base import Context, Reference, Step, StepResult

STEPS: list[Step] = [
    Step("firm", 0, "social_strategy.steps.firm"),
    Step("audience", 1, "social_strategy.steps.audience"),
    Step("communities", 2, "social_strategy.steps.communities", needs=("audience",)),
    Step("influencers", 3, "social_strategy.steps.influencers"),
    Step("resources", 4, "social_strategy.steps.resources", needs=("audience", "communities")),
    Step("risks", 5, "social_strategy.steps.risks"),
]


def step(name: str) -> Step:
    """The registered step called ``name``."""
    for s in STEPS:
        if s.name == name:
            return s
    raise KeyError(f"no step called {name!r}; known: {', '.join(s.name for s in STEPS)}")


def register(new: Step) -> None:
    """Add a step to the method (one from outside the package, or a test's): the pipeline,
    the notebooks' sessions, the forms and the workshop take it in the order of
    ``new.order``. Its inputs are registered with the workspace
    (:func:`social_strategy.workspace.register_inputs`). Registering the same step again
    does nothing (a notebook cell run twice); another step of its name or order is refused."""
    if new in STEPS:
        return
    clash = [s.name for s in STEPS if s.name == new.name or s.order == new.order]
    if clash:
        raise ValueError(f"step {new.name!r} (order {new.order}) clashes with {clash[0]!r}")
    unknown = [n for n in new.needs if n not in {s.name for s in STEPS if s.order < new.order}]
    if unknown:
        raise ValueError(f"step {new.name!r} needs {unknown}, which are no earlier steps")
    STEPS.append(new)
    STEPS.sort(key=lambda s: s.order)


def unregister(name: str) -> None:
    """Remove the step called ``name`` (see :func:`register`)."""
    STEPS[:] = [s for s in STEPS if s.name != name]


#: the environment variable naming the modules of steps from outside the package, comma
#: separated, that the command line (and every batch worker) installs before it starts
PLUGINS_VARIABLE = "SOCIAL_STRATEGY_STEPS"


def plugins() -> list[str]:
    """The modules of the registered steps that live outside the package, in method order.

    Such a module offers ``install()``, which registers the step, its inputs and its texts
    and does nothing when they are registered already: a fresh process (a batch worker, the
    command line) calls it through :func:`load_plugins`."""
    return [s.module for s in STEPS if not s.module.startswith(f"{__package__}.")]


def load_plugins(modules: str | list[str] | tuple[str, ...] | None = None) -> None:
    """Import each module (default: those named in ``SOCIAL_STRATEGY_STEPS``) and call its
    ``install()``. A module that cannot be imported, or has no ``install``, is bad input
    naming the module."""
    import importlib
    import os

    from ..errors import InputError, Problem

    if modules is None:
        modules = os.environ.get(PLUGINS_VARIABLE, "")
    if isinstance(modules, str):
        modules = [m.strip() for m in modules.split(",")]
    problems = []
    for name in (m for m in modules if m):
        try:
            install = importlib.import_module(name).install
        except (ImportError, AttributeError) as exc:
            problems.append(
                Problem(
                    PLUGINS_VARIABLE,
                    f"the step module cannot be installed ({type(exc).__name__}: {exc})",
                    value=name,
                    expected="an importable module with install() (on PYTHONPATH)",
                )
            )
            continue
        install()
    if problems:
        raise InputError(problems)


__all__ = [
    "PLUGINS_VARIABLE",
    "STEPS",
    "Context",
    "Reference",
    "Step",
    "StepResult",
    "load_plugins",
    "plugins",
    "register",
    "step",
    "unregister",
]
