"""Split the untranslated entries of a catalogue into JSON chunks, and merge them back.

    .venv/bin/python scripts/i18n_chunks.py export ar 4 /tmp/i18n   # ar-0.json .. ar-3.json
    .venv/bin/python scripts/i18n_chunks.py import ar /tmp/i18n/ar-*.json

A chunk maps each msgid to its translation ("" to fill). Plural entries are
{"msgid": ..., "msgid_plural": ..., "msgstr_plural": {"0": "", ...}} under the key
"plural:<msgid>". Each chunk carries the source references as "context:<msgid>".
"""

import json
import sys
from pathlib import Path

import polib

NPLURALS = {"ar": 6, "fr": 2}


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(f"locale/{language}/LC_MESSAGES/django.po", wrapwidth=79)


def export(language: str, parts: int, folder: str) -> None:
    po = catalogue(language)
    todo = [e for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for index in range(parts):
        chunk = {}
        for entry in todo[index::parts]:
            where = ", ".join(f"{path}" for path, _line in entry.occurrences[:3])
            if entry.msgid_plural:
                forms = {str(i): "" for i in range(NPLURALS[language])}
                chunk[f"plural:{entry.msgid}"] = {
                    "msgid_plural": entry.msgid_plural,
                    "msgstr_plural": forms,
                }
            else:
                chunk[entry.msgid] = ""
            chunk[f"context:{entry.msgid}"] = where
        (out / f"{language}-{index}.json").write_text(
            json.dumps(chunk, ensure_ascii=False, indent=1)
        )
    print(f"{len(todo)} entries to translate in {parts} chunks under {folder}")


def merge(language: str, files: list[str]) -> None:
    po = catalogue(language)
    by_id = {e.msgid: e for e in po}
    filled = 0
    for name in files:
        for key, value in json.loads(Path(name).read_text()).items():
            if key.startswith("context:"):
                continue
            if key.startswith("plural:"):
                entry = by_id.get(key.removeprefix("plural:"))
                forms = value["msgstr_plural"]
                if entry is not None and all(forms.values()):
                    entry.msgstr_plural = {int(k): v for k, v in forms.items()}
                    filled += 1
                else:
                    continue
            else:
                entry = by_id.get(key)
                if entry is None or not value:
                    continue
                entry.msgstr = value
                filled += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    print(f"{filled} entries merged; {len(missing)} still missing")


if __name__ == "__main__":
    command, language, *rest = sys.argv[1:]
    if command == "export":
        export(language, int(rest[0]), rest[1])
    else:
        merge(language, rest)
