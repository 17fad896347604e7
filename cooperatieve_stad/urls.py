from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from cooperatieve_stad.health import healthz

admin.site.site_header = "Coöperatieve Stad"
admin.site.site_title = "Coöperatieve Stad"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
    path("", include("sessions.urls")),
    path("", include("initiatives.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
