from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CooperatieveStadConfig(AppConfig):
    name = "cooperatieve_stad"
    verbose_name = "Coöperatieve Stad"

    def ready(self) -> None:
        from cooperatieve_stad import checks  # noqa: F401 (checks register)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (cooperatieve_stad.admin_site) as `admin.site`."""

    default = False  # named in INSTALLED_APPS; "cooperatieve_stad" itself is the shell
    default_site = "cooperatieve_stad.admin_site.CooperatieveStadAdminSite"
