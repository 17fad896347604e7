from django.urls import path

from reservations import door_views, my_programme_views, views

app_name = "reservations"

urlpatterns = [
    path("evenementen/<slug:slug>/reserveren/", views.reserve, name="reserve"),
    path("mijn-reserveringen/", views.my_reservations, name="my_reservations"),
    path(
        "mijn-reserveringen/<str:code>/sessies/",
        views.change_sessions,
        name="change_sessions",
    ),
    path("mijn-reserveringen/<str:code>/annuleren/", views.cancel, name="cancel"),
    path("mijn-programma/", my_programme_views.my_programme_page, name="my_programme"),
    path("mijn-programma/bewaren/", my_programme_views.save, name="save"),
    path("mijn-agenda/nieuwe-link/", views.renew_feed, name="renew_feed"),
    path("mijn-agenda/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path(
        "beheer/evenementen/<slug:slug>/deelnemers/",
        door_views.participant_list,
        name="participants",
    ),
    path(
        "beheer/evenementen/<slug:slug>/deelnemers.csv",
        door_views.participant_csv,
        name="participants_csv",
    ),
    path(
        "beheer/evenementen/<slug:slug>/deelnemers/<int:reservation_id>/aanmelden/",
        door_views.check_in,
        name="check_in",
    ),
]
