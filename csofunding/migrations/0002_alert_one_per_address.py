"""Call alerts: one subscription per mailbox (email_key), a change waiting for confirmation
(pending) and the time of the last confirmation email (at most one an hour).

Existing duplicates are merged: per normalised address the confirmed subscription updated last
is kept (else the latest), the alerts already sent through the others move to it, the others
are deleted."""

from django.db import migrations, models

from ogp_portal.core.emails import normalise_email


def merge_duplicates(apps, schema_editor):
    AlertSubscription = apps.get_model("csofunding", "AlertSubscription")
    AlertDelivery = apps.get_model("csofunding", "AlertDelivery")
    groups = {}
    for sub in AlertSubscription.objects.order_by("pk"):
        groups.setdefault(normalise_email(sub.email), []).append(sub)
    for key, subs in groups.items():
        subs.sort(key=lambda s: (s.confirmed_at is not None, s.updated_at, s.pk), reverse=True)
        kept, *others = subs
        for other in others:
            told = set(
                AlertDelivery.objects.filter(subscription=kept).values_list("call_id", flat=True)
            )
            AlertDelivery.objects.filter(subscription=other).exclude(call_id__in=told).update(
                subscription=kept
            )
            if kept.user_id is None and other.user_id is not None:
                kept.user_id = other.user_id
            other.delete()
        kept.email_key = key
        kept.save(update_fields=["email_key", "user"])


class Migration(migrations.Migration):
    dependencies = [("csofunding", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="alertsubscription",
            name="email_key",
            field=models.CharField(editable=False, max_length=254, null=True),
        ),
        migrations.AddField(
            model_name="alertsubscription",
            name="pending",
            field=models.JSONField(
                blank=True,
                editable=False,
                help_text="Sectors and regions asked for an already confirmed address, applied "
                "when its owner follows the confirmation link.",
                null=True,
                verbose_name="change waiting for confirmation",
            ),
        ),
        migrations.AddField(
            model_name="alertsubscription",
            name="confirmation_sent_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="last confirmation email"
            ),
        ),
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="alertsubscription",
            name="email_key",
            field=models.CharField(
                editable=False,
                help_text="One subscription per mailbox: lowercase, without the dots and tags "
                "the provider ignores.",
                max_length=254,
                unique=True,
                verbose_name="normalised address",
            ),
        ),
    ]
