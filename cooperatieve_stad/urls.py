from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from cooperatieve_stad.health import healthz, healthz_queue
from cooperatieve_stad.search_views import search_page
from cooperatieve_stad.seo import SITEMAPS, robots_txt
from events.views import home

# allauth answers its own rate limits with this view; ours go through RATELIMIT_VIEW.
handler429 = "common.ratelimits.too_many_requests"
# A database that does not answer gets the 503 page with Retry-After, anything else the 500.
handler500 = "common.unavailable.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("healthz/queue", healthz_queue, name="healthz_queue"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("zoeken/", search_page, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Without CSRF protection, so that public pages carry no per-visitor token and can be
    # cached whole (page_cache.py); a forged request could only switch someone's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("account/", include("allauth.urls")),
    path("", include("events.urls")),
    path("", include("sessions.urls")),
    path("", include("reservations.urls")),
    path("", include("initiatives.urls")),
    path("", include("privacy.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
