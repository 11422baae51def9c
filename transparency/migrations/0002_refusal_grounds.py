from django.db import migrations


def create_refusal_grounds(apps, schema_editor):
    # The law's exceptions (Law 31-13, art. 7); staff may edit them afterwards.
    from transparency.ati.demo import REFUSAL_GROUNDS

    RefusalGround = apps.get_model("transparency", "RefusalGround")
    for order, (code, name_ar, name_fr, name_en, article) in enumerate(REFUSAL_GROUNDS):
        RefusalGround.objects.get_or_create(
            code=code,
            defaults={"name_ar": name_ar, "name_fr": name_fr, "name_en": name_en, "article": article, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("transparency", "0001_initial")]

    operations = [migrations.RunPython(create_refusal_grounds, migrations.RunPython.noop)]
