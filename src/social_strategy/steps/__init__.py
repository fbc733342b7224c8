"""The method, one module per step: validated workspace in, a SectionResult out.

Steps are pure: they read a :class:`~social_strategy.workspace.Workspace` and reference
data and return results; they know nothing of notebooks, reports or output formats.
"""
