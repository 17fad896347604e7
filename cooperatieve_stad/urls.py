from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from cooperatieve_stad.health import healthz
from cooperatieve_stad.seo import SITEMAPS, robots_txt
from events.views import home

admin.site.site_header = "Coöperatieve Stad"
admin.site.site_title = "Coöperatieve Stad"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("account/", include("allauth.urls")),
    path("", include("events.urls")),
    path("", include("sessions.urls")),
    path("", include("initiatives.urls")),
    path("", include("privacy.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
