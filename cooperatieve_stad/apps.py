from django.apps import AppConfig


class CooperatieveStadConfig(AppConfig):
    name = "cooperatieve_stad"
    verbose_name = "Coöperatieve Stad"

    def ready(self) -> None:
        from cooperatieve_stad import checks  # noqa: F401 (checks register)
