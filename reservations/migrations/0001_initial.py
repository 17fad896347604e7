"""The reservations app takes over Reservation, its history, CalendarFeed and UndeliveredMail
from `events` and SeatChoice from `programme`.

The tables keep their names and their rows: this migration only moves the models in
Django's state (programme 0006 and events 0007 remove them from their old apps' state).
Their content types move along, so permissions, admin log entries and history that
point at them stay valid.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import reservations.models

MOVED = {
    "events": ["reservation", "historicalreservation", "calendarfeed", "undeliveredmail"],
    "programme": ["seatchoice"],
}


def move_content_types(apps, schema_editor, *, forward=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for old_app, models_ in MOVED.items():
        source, target = (old_app, "reservations") if forward else ("reservations", old_app)
        ContentType.objects.using(db).filter(app_label=source, model__in=models_).update(
            app_label=target
        )


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0006_undelivered_mail"),
        ("programme", "0005_verified_image_uploads"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CalendarFeed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(default=reservations.models.new_feed_token, max_length=64, unique=True, verbose_name='sleutel')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL, verbose_name='account')),
                    ],
                    options={
                        'verbose_name': 'persoonlijke agenda',
                        'verbose_name_plural': "persoonlijke agenda's",
                        'db_table': 'events_calendarfeed',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalReservation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('status', models.CharField(choices=[('confirmed', 'bevestigd'), ('waitlisted', 'wachtlijst'), ('cancelled', 'geannuleerd')], default='confirmed', max_length=10, verbose_name='status')),
                        ('code', models.CharField(db_index=True, default=reservations.models.new_reservation_code, max_length=8, verbose_name='reserveringscode')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='gereserveerd op')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='geannuleerd op')),
                        ('checked_in_at', models.DateTimeField(blank=True, null=True, verbose_name='aangemeld op')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('event', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.event', verbose_name='evenement')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical reservering',
                        'verbose_name_plural': 'historical reserveringen',
                        'db_table': 'events_historicalreservation',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Reservation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='naam op de deelnemerslijst')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mailadres')),
                        ('dietary_wishes', models.CharField(blank=True, max_length=300, verbose_name='dieetwensen')),
                        ('status', models.CharField(choices=[('confirmed', 'bevestigd'), ('waitlisted', 'wachtlijst'), ('cancelled', 'geannuleerd')], default='confirmed', max_length=10, verbose_name='status')),
                        ('code', models.CharField(default=reservations.models.new_reservation_code, max_length=8, unique=True, verbose_name='reserveringscode')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='gereserveerd op')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='geannuleerd op')),
                        ('checked_in_at', models.DateTimeField(blank=True, null=True, verbose_name='aangemeld op')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reservations', to='events.event', verbose_name='evenement')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reservations', to=settings.AUTH_USER_MODEL, verbose_name='account')),
                    ],
                    options={
                        'verbose_name': 'reservering',
                        'verbose_name_plural': 'reserveringen',
                        'db_table': 'events_reservation',
                        'ordering': ['event', 'created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='SeatChoice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('reservation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seat_choices', to='reservations.reservation', verbose_name='reservering')),
                        ('sitting', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='seat_choices', to='programme.sitting', verbose_name='sessie')),
                        ('slot', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='seat_choices', to='programme.slot', verbose_name='ronde')),
                    ],
                    options={
                        'verbose_name': 'sessiekeuze',
                        'verbose_name_plural': 'sessiekeuzes',
                        'db_table': 'programme_seatchoice',
                        'ordering': ['reservation', 'slot__starts_at'],
                    },
                ),
                migrations.CreateModel(
                    name='UndeliveredMail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('confirmed', 'reservering bevestigd'), ('waitlisted', 'op de wachtlijst'), ('promoted', 'van de wachtlijst bevestigd'), ('cancelled', 'reservering geannuleerd'), ('event_changed', 'evenement gewijzigd'), ('event_cancelled', 'evenement geannuleerd'), ('organiser_message', 'bericht van de organisatie')], max_length=20, verbose_name='soort bericht')),
                        ('error', models.CharField(blank=True, max_length=300, verbose_name='fout')),
                        ('failed_at', models.DateTimeField(auto_now_add=True, verbose_name='mislukt op')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='alsnog verstuurd op')),
                        ('reservation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='undelivered_mails', to='reservations.reservation', verbose_name='reservering')),
                    ],
                    options={
                        'verbose_name': 'niet verstuurde e-mail',
                        'verbose_name_plural': 'niet verstuurde e-mails',
                        'db_table': 'events_undeliveredmail',
                        'ordering': ['-failed_at', '-id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='reservation',
                    index=models.Index(fields=['event', 'status'], name='reservation_event_status'),
                ),
                migrations.AddConstraint(
                    model_name='reservation',
                    constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('confirmed', 'waitlisted'))), fields=('event', 'user'), name='one_active_reservation_per_user_per_event', violation_error_message='Deze persoon heeft al een reservering voor dit evenement.'),
                ),
                migrations.AddConstraint(
                    model_name='reservation',
                    constraint=models.CheckConstraint(condition=models.Q(('checked_in_at__isnull', True), ('status', 'confirmed'), _connector='OR'), name='reservation_checked_in_only_when_confirmed', violation_error_message='Alleen een bevestigde reservering kan worden aangemeld.'),
                ),
                migrations.AddConstraint(
                    model_name='seatchoice',
                    constraint=models.UniqueConstraint(fields=('reservation', 'slot'), name='one_seat_choice_per_reservation_per_slot', violation_error_message='Er is al een sessie gekozen in deze ronde.'),
                ),
    
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
