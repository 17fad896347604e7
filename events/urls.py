from django.urls import path

from events import calendars, organiser_views, reservation_views, views

app_name = "events"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", calendars.upcoming_feed, name="feed"),
    path("evenementen/<slug:slug>/", views.event_detail, name="event"),
    path("evenementen/<slug:slug>/agenda.ics", calendars.event_calendar, name="event_ics"),
    path("reeksen/<slug:slug>/", views.series_detail, name="series"),
    path("evenementen/<slug:slug>/reserveren/", reservation_views.reserve, name="reserve"),
    path("mijn-reserveringen/", reservation_views.my_reservations, name="my_reservations"),
    path(
        "mijn-reserveringen/<str:code>/sessies/",
        reservation_views.change_sessions,
        name="change_sessions",
    ),
    path("mijn-reserveringen/<str:code>/annuleren/", reservation_views.cancel, name="cancel"),
    path(
        "beheer/evenementen/<slug:slug>/deelnemers/",
        organiser_views.participant_list,
        name="participants",
    ),
    path(
        "beheer/evenementen/<slug:slug>/deelnemers.csv",
        organiser_views.participant_csv,
        name="participants_csv",
    ),
    path(
        "beheer/evenementen/<slug:slug>/deelnemers/<int:reservation_id>/aanmelden/",
        organiser_views.check_in,
        name="check_in",
    ),
    path(
        "beheer/evenementen/<slug:slug>/voorbeeld/",
        organiser_views.preview,
        name="preview",
    ),
    path("mijn-agenda/nieuwe-link/", reservation_views.renew_feed, name="renew_feed"),
    path("mijn-agenda/<str:token>.ics", reservation_views.personal_feed, name="personal_feed"),
]
