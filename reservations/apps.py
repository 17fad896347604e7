from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReservationsConfig(AppConfig):
    name = "reservations"
    verbose_name = _("Reserveringen")

    def ready(self) -> None:
        from common import page_cache
        from reservations import receivers
        from reservations.models import Reservation, SeatChoice

        # Reservations change places and seats left, nothing else a public page shows.
        page_cache.watch([Reservation, SeatChoice], version=page_cache.AVAILABILITY)
        receivers.connect()
