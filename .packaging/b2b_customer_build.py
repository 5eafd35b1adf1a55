"""The build backend of the addon's wheel (PEP 517, named in pyproject.toml).

It is whool, the OCA's backend, with two differences:

- whool packs every file git tracks in the addon's folder, and this repository
  also tracks its tooling (Makefile, scripts/, bench/, .ci/, docs/ ...): the
  files that .gitattributes marks ``export-ignore`` (what ``git archive`` leaves
  out) stay out of the wheel and the sdist;
- whool names the addon after the checkout's folder: the addon is
  ``b2b_customer`` whatever the checkout is called.

So ``pip wheel`` or ``pip install`` of a checkout ships the addon only.
"""

import subprocess
import tempfile
from pathlib import Path

from whool import buildapi as _whool

ADDON = "b2b_customer"
_git_files = _whool._scm_ls_files


def _ignored(addon_dir, paths):
    """The paths (files and folders) that .gitattributes marks export-ignore."""
    out = subprocess.run(
        ["git", "check-attr", "-z", "--stdin", "export-ignore"],
        input="\0".join(paths),
        capture_output=True,
        text=True,
        check=True,
        cwd=addon_dir,
    ).stdout.split("\0")
    # -z: path, attribute, value, path, attribute, value...
    return {
        path
        for path, _attr, value in zip(*[iter(out)] * 3, strict=False)
        if value == "set"
    }


def _addon_files(addon_dir):
    """The files git tracks in ``addon_dir``, without those marked
    ``export-ignore`` or inside a folder marked so (as ``git archive``)."""
    files = [f for f in _git_files(addon_dir) if f]
    folders = {str(p) for f in files for p in Path(f).parents if str(p) != "."}
    ignored = _ignored(addon_dir, sorted(folders) + files)
    return [
        f
        for f in files
        if f not in ignored and not any(str(p) in ignored for p in Path(f).parents)
    ]


_whool._scm_ls_files = _addon_files


def _as_addon(build):
    """Run ``build(addon_dir)`` with the checkout seen as a folder named
    after the addon."""
    with tempfile.TemporaryDirectory() as tmp:
        addon_dir = Path(tmp) / ADDON
        addon_dir.symlink_to(Path.cwd(), target_is_directory=True)
        return build(addon_dir)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _as_addon(
        lambda addon_dir: _whool._build_wheel(
            addon_dir, Path(wheel_directory), editable=False
        )
    )


def build_sdist(sdist_directory, config_settings=None):
    return _as_addon(
        lambda addon_dir: _whool._build_sdist(addon_dir, Path(sdist_directory))
    )


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _as_addon(
        lambda addon_dir: _whool._make_dist_info(
            _whool._get_metadata(addon_dir), Path(metadata_directory)
        )
    )


# an editable install links the checkout itself: whool's, unchanged
build_editable = _whool.build_editable
prepare_metadata_for_build_editable = _whool.prepare_metadata_for_build_editable
