from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("evenementen/<slug:slug>/", views.event_detail, name="event"),
    path("reeksen/<slug:slug>/", views.series_detail, name="series"),
]
