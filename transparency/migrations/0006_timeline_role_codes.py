"""Timeline events of transparency store the actor's role as a code (transparency/actors.py),
said in each reader's language by the pages. Older rows hold the role as it was translated when
recorded ("requester", "OGP staff", "équipe PGO", an administration's name in one language):
turn the values recognised into codes. Unrecognised text stays (pages show it as stored)."""

from django.conf import settings
from django.db import migrations
from django.db.models import Q
from django.utils import translation

# msgid -> code, as transparency/actors.py had them when this migration was written.
LABELS = {
    "requester": "requester",
    "citizen": "citizen",
    "the portal": "portal",
    "OGP staff": "ogp_staff",
    "Information officer": "information_officer",
    "moderator": "moderator",
}
CODES = set(LABELS.values())
ADMINISTRATION_PREFIX = "administration:"


def _label_codes() -> dict[str, str]:
    found = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for msgid, code in LABELS.items():
                found.setdefault(translation.gettext(msgid).strip().lower(), code)
    return found


def forwards(apps, schema_editor):
    TimelineEvent = apps.get_model("core", "TimelineEvent")
    Administration = apps.get_model("directory", "Administration")
    events = TimelineEvent.objects.filter(content_type__app_label="transparency").exclude(
        actor_role=""
    )
    values = set(events.values_list("actor_role", flat=True).distinct())
    if not values:
        return
    labels = _label_codes()
    for value in values:
        if value in CODES or value.startswith(ADMINISTRATION_PREFIX):
            continue
        code = labels.get(value.strip().lower(), "")
        if not code:
            name = value.strip()
            pk = (
                Administration.objects.filter(
                    Q(name=name) | Q(name_ar=name) | Q(name_fr=name) | Q(name_en=name)
                )
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            code = f"{ADMINISTRATION_PREFIX}{pk}" if pk else ""
        if code:
            events.filter(actor_role=value).update(actor_role=code)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_links"),
        ("directory", "0001_initial"),
        ("transparency", "0005_coeval_audit"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
