from django.urls import path

from events import calendars, embeds, export_views, views

app_name = "events"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", calendars.upcoming_feed, name="feed"),
    path("evenementen/<slug:slug>/", views.event_detail, name="event"),
    path("evenementen/<slug:slug>/agenda.ics", calendars.event_calendar, name="event_ics"),
    # The programme for other sites: data (README → "Schedule exports and embeds") and embeds.
    path("evenementen/<slug:slug>/schedule.xml", export_views.schedule_xml, name="schedule_xml"),
    path("evenementen/<slug:slug>/schedule.json", export_views.schedule_json, name="schedule_json"),
    path("evenementen/<slug:slug>/programma.json", export_views.programme, name="programme_json"),
    path("evenementen/<slug:slug>/embed/", embeds.event_embed, name="embed"),
    path("organisaties/<slug:slug>/embed/", embeds.organisation_embed, name="organisation_embed"),
    path("reeksen/<slug:slug>/", views.series_detail, name="series"),
    path("beheer/evenementen/<slug:slug>/voorbeeld/", views.preview, name="preview"),
]
