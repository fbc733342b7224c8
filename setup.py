"""Build step: the notebooks, templates, reference data and models ship inside the package.

They live at the top of the repository (notebooks/, templates/, data/); a wheel carries a
copy of them as ``social_strategy/bundled/``, so an installed package (``pip install .``,
not editable) renders without a checkout. ``social_strategy.paths`` finds them in either
place. Everything else about the build is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("notebooks", "templates", "data")
SKIP = shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "*.bak")


class BuildWithBundledFiles(build_py):
    """``build_py`` that also copies the top-level folders the package reads."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the checkout
        target = Path(self.build_lib) / "social_strategy" / "bundled"
        for name in BUNDLED:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(HERE / name, target / name, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithBundledFiles})
