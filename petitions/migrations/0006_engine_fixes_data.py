"""Data of the engine fixes (docs/petitions.md, "Territories" and "Deadlines").

1. The legislative motion's rule: a chamber rules on admissibility in 15 days and answers on
   the substance in 60 (DOMAIN section 2). Only a rule still at the old defaults (60, no
   response deadline) changes; a rule staff edited is left as it is.
2. The préfectures d'arrondissements of Casablanca (census codes 06.141.01.x0) have no
   council and are not provinces for the 5 % rule: what was recorded with one (signatures,
   paper lines, province counts, association seats, a petition's province) moves to the
   prefecture it belongs to (06.141), merging count rows. Region counts do not change (same
   region). Irreversible in substance: the reverse leaves the rows where they are.
"""

from django.db import migrations
from django.db.models import F

ARRONDISSEMENT_PREFECTURE_CODE = r"^[^.]+\.[^.]+\."


def motion_deadlines(apps, schema_editor):
    ThresholdRule = apps.get_model("petitions", "ThresholdRule")
    ThresholdRule.objects.filter(
        level="legislative_motion", decision_days=60, response_days__isnull=True
    ).update(decision_days=15, response_days=60)


def _merge(model, key: str, arrondissement_id: int, parent_id: int, count_field: str) -> None:
    """Move rows of `model` from the arrondissement prefecture to its parent; where the
    parent already has a row with the same `key`, add the count to it instead."""
    for row in model.objects.filter(province_id=arrondissement_id):
        target = model.objects.filter(
            province_id=parent_id, **{key: getattr(row, key)}
        ).first()
        if target is None:
            row.province_id = parent_id
            row.save(update_fields=["province"])
        else:
            model.objects.filter(pk=target.pk).update(
                **{count_field: F(count_field) + getattr(row, count_field)}
            )
            row.delete()


def arrondissement_prefectures_to_parent(apps, schema_editor):
    Province = apps.get_model("directory", "Province")
    Signature = apps.get_model("petitions", "Signature")
    PaperBatchLine = apps.get_model("petitions", "PaperBatchLine")
    PetitionProvinceCount = apps.get_model("petitions", "PetitionProvinceCount")
    PetitionAssociation = apps.get_model("petitions", "PetitionAssociation")
    Petition = apps.get_model("petitions", "Petition")
    codes = dict(Province.objects.values_list("code", "pk"))
    for code, pk in codes.items():
        if code.count(".") < 2:
            continue
        parent_id = codes.get(".".join(code.split(".")[:2]))
        if parent_id is None:
            continue
        region_id = Province.objects.filter(pk=parent_id).values_list("region_id", flat=True)[0]
        Signature.objects.filter(province_id=pk).update(province_id=parent_id, region_id=region_id)
        _merge(PaperBatchLine, "batch_id", pk, parent_id, "count")
        _merge(PetitionProvinceCount, "petition_id", pk, parent_id, "confirmed")
        PetitionAssociation.objects.filter(seat_province_id=pk).update(seat_province_id=parent_id)
        Petition.objects.filter(province_id=pk).update(province_id=parent_id)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("petitions", "0005_engine_fixes"),
    ]

    operations = [
        migrations.RunPython(motion_deadlines, migrations.RunPython.noop),
        migrations.RunPython(arrondissement_prefectures_to_parent, migrations.RunPython.noop),
    ]
