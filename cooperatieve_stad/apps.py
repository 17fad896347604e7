from django.apps import AppConfig


class CooperatieveStadConfig(AppConfig):
    name = "cooperatieve_stad"
    verbose_name = "Coöperatieve Stad"
