"""The catalogues stay complete: every interface string has an Arabic and a French translation."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert missing == [] and fuzzy == []
    assert len(catalogue) > 400


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_catalogue_compiles_cleanly(language):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed to compile the catalogues"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            msgfmt,
            "--check",
            "-o",
            "/dev/null",
            str(LOCALE / language / "LC_MESSAGES" / "django.po"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_arabic_is_the_default_and_right_to_left():
    assert settings.LANGUAGE_CODE == "ar"
    assert [code for code, _name in settings.LANGUAGES] == ["ar", "fr", "en"]
    with translation.override("ar"):
        assert translation.get_language_bidi()


def test_tamazight_is_declared_and_ready_for_a_catalogue():
    assert LANG_INFO["zgh"]["name_local"] == "ⵜⴰⵎⴰⵣⵉⵖⵜ"
    assert LANG_INFO["zgh"]["bidi"] is False


def test_the_translations_are_used_at_run_time():
    with translation.override("fr"):
        assert translation.gettext("Directory") == "Annuaire"
    with translation.override("ar"):
        assert translation.gettext("Directory") != "Directory"


def test_translation_functions_keep_names_makemessages_knows():
    """xgettext only extracts _(), gettext(), gettext_lazy() and their kin: a string marked
    through another alias (``gettext_lazy as _lazy``) would silently stay in English."""
    known = {
        "_",
        "gettext",
        "gettext_lazy",
        "ngettext",
        "ngettext_lazy",
        "pgettext",
        "pgettext_lazy",
        "npgettext",
        "gettext_noop",
    }
    alias = re.compile(r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (\w+)")
    offenders = []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if ".venv" in path.parts or "migrations" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for _function, name in alias.findall(line):
                if name not in known:
                    offenders.append(f"{path}: {line.strip()}")
    assert not offenders, offenders
