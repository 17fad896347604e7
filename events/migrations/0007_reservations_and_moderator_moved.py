"""Reservation, its history, CalendarFeed and UndeliveredMail leave this app's state for
`reservations` (their tables and rows stay, see reservations 0001); the moderator, now
copied to programme.Moderator (programme 0006), leaves the event."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_undelivered_mail"),
        ("programme", "0006_moderator_and_seat_choices_moved"),
        ("reservations", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="event", name="moderator"),
        migrations.RemoveField(model_name="historicalevent", name="moderator"),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="UndeliveredMail"),
                migrations.DeleteModel(name="HistoricalReservation"),
                migrations.DeleteModel(name="CalendarFeed"),
                migrations.DeleteModel(name="Reservation"),
            ],
        ),
    ]
