from django.urls import path

from sessions import views

app_name = "programme"

urlpatterns = [
    path(
        "evenementen/<slug:event_slug>/sessies/<slug:slug>/", views.session_detail, name="session"
    ),
    path("sprekers/<slug:slug>/", views.speaker_detail, name="speaker"),
]
