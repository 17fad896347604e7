from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.loader import Loader
from demo.seeds import load_all


class Command(BaseCommand):
    help = (
        "Load the seed documents and three upcoming demo events. Adds only what is missing and "
        "never changes existing rows, so it can be run again safely."
    )

    def handle(self, *args: object, **options: Any) -> None:
        loader = Loader()
        # All or nothing: a half-loaded programme would break the next run's assumptions.
        with transaction.atomic():
            load_all(loader)
        if not loader.total:
            self.stdout.write("Demo data: nothing to do, everything was already there.")
            return
        noun = "object" if loader.total == 1 else "objects"
        self.stdout.write(self.style.SUCCESS(f"Demo data: {loader.total} {noun} created."))
        if options["verbosity"] > 1:
            for model, count in sorted(loader.created.items()):
                self.stdout.write(f"  {model}: {count}")
