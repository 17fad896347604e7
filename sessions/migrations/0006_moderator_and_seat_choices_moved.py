"""The event's moderator moves to the programme side (so that `events` has no relation to
`programme`), and SeatChoice leaves this app's state for `reservations` (its table and
rows stay where they are, see reservations 0001)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_moderators(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Moderator = apps.get_model("programme", "Moderator")
    db = schema_editor.connection.alias
    Moderator.objects.using(db).bulk_create(
        Moderator(event_id=event_id, speaker_id=speaker_id)
        for event_id, speaker_id in Event.objects.using(db)
        .filter(moderator__isnull=False)
        .values_list("pk", "moderator_id")
    )


def copy_moderators_back(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Moderator = apps.get_model("programme", "Moderator")
    db = schema_editor.connection.alias
    for moderator in Moderator.objects.using(db).all():
        Event.objects.using(db).filter(pk=moderator.event_id).update(
            moderator_id=moderator.speaker_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_undelivered_mail"),
        ("programme", "0005_verified_image_uploads"),
        ("reservations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Moderator",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="moderator",
                        serialize=False,
                        to="events.event",
                        verbose_name="evenement",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="moderated_events",
                        to="programme.speaker",
                        verbose_name="moderator",
                    ),
                ),
            ],
            options={
                "verbose_name": "moderator",
                "verbose_name_plural": "moderator",
            },
        ),
        migrations.RunPython(copy_moderators, copy_moderators_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="SeatChoice")],
        ),
    ]
