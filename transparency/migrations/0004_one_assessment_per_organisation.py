"""Before the constraint of 0005: where two members assessed in one organisation's name (one
commitment, one window), the first assessment stays the organisation's and the later ones
become their authors' own. Nothing is deleted; the organisations' aggregate stops counting the
organisation twice. (A migration of its own: PostgreSQL creates the unique index of 0005 on a
table this one updated only once the update is committed.)"""

from django.db import migrations


def keep_one_per_organisation(apps, schema_editor):
    Assessment = apps.get_model("transparency", "Assessment")
    seen = set()
    later = []
    for pk, window, commitment, organisation in (
        Assessment.objects.filter(organisation__isnull=False)
        .order_by("created_at", "pk")
        .values_list("pk", "window_id", "commitment_id", "organisation_id")
    ):
        key = (window, commitment, organisation)
        if key in seen:
            later.append(pk)
        seen.add(key)
    if later:
        Assessment.objects.filter(pk__in=later).update(organisation=None)


class Migration(migrations.Migration):
    dependencies = [("transparency", "0003_coevaluation")]

    operations = [migrations.RunPython(keep_one_per_organisation, migrations.RunPython.noop)]
