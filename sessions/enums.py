from django.db import models
from django.utils.translation import gettext_lazy as _


class SlotKind(models.TextChoices):
    PLENARY = "plenary", _("plenair")
    ROUND = "round", _("break-outronde")
    MEAL = "meal", _("maaltijd")
    RECEPTION = "reception", _("ontvangst of borrel")
    BREAK = "break", _("pauze")
    # Runs alongside the main timeline (an exhibition, an open room such as
    # "De Kamer van de Commons"); the only kind that may overlap other slots.
    ALONGSIDE = "alongside", _("doorlopend programma")


class SessionFormat(models.TextChoices):
    TABLE = "table", _("tafelsessie")
    WORKSHOP = "workshop", _("workshop")
    ROUNDTABLE = "roundtable", _("rondetafelgesprek")
    BRAINSTORM = "brainstorm", _("brainstorm")
    TALK = "talk", _("lezing of presentatie")
    PLENARY = "plenary", _("plenair")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("spreker")
    MODERATOR = "moderator", _("moderator")
    HOST = "host", _("gastheer of gastvrouw")
