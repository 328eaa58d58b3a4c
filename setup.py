"""Build hook: the translation catalogues (common/locale/*/LC_MESSAGES/dalel.po) are compiled to
.mo files when the package is built or installed, editable installs included. Everything else
about the package is in pyproject.toml."""

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from common.i18n_tools import compile_catalogues

        compile_catalogues()  # beside the .po files, so an editable install finds them too
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
