from django.urls import path

from events import calendars, views

app_name = "events"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", calendars.upcoming_feed, name="feed"),
    path("evenementen/<slug:slug>/", views.event_detail, name="event"),
    path("evenementen/<slug:slug>/agenda.ics", calendars.event_calendar, name="event_ics"),
    path("reeksen/<slug:slug>/", views.series_detail, name="series"),
    path("beheer/evenementen/<slug:slug>/voorbeeld/", views.preview, name="preview"),
]
