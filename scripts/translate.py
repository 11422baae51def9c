"""Fill a few catalogue entries from the command line, then check the catalogue.

    .venv/bin/python scripts/translate.py fr "Export selected as CSV=Exporter la sélection en CSV"

Prints what is still untranslated or fuzzy in locale/ar and locale/fr.
"""

import sys

import polib


def main(language: str, pairs: list[str]) -> None:
    path = f"locale/{language}/LC_MESSAGES/django.po"
    po = polib.pofile(path, wrapwidth=79)
    for pair in pairs:
        msgid, msgstr = pair.split("=", 1)
        entry = po.find(msgid)
        if entry is None:
            raise SystemExit(f"no msgid {msgid!r} in {path}")
        entry.msgstr = msgstr
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    for lang in ("ar", "fr"):
        catalogue = polib.pofile(f"locale/{lang}/LC_MESSAGES/django.po")
        missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
        print(f"{lang}: {catalogue.percent_translated()}% translated; missing: {missing}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
