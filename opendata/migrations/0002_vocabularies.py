from django.db import migrations


def load(apps, schema_editor):
    from opendata.vocabularies import ensure_vocabularies

    ensure_vocabularies(apps.get_model("opendata", "Theme"), apps.get_model("opendata", "Licence"))


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
