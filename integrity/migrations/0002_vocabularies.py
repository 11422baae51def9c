from django.db import migrations


def load(apps, schema_editor):
    from integrity.vocabularies import load_vocabularies

    load_vocabularies(
        apps.get_model("integrity", "Sector"),
        apps.get_model("integrity", "Theme"),
        apps.get_model("integrity", "ChallengeType"),
    )


class Migration(migrations.Migration):
    dependencies = [("integrity", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
