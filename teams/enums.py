from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Edits the organisation's events: programme, speakers, participant lists.
    EDITOR = "editor", _("redacteur")
    # Welcomes people at the door: participant list and check-in only.
    HOST = "host", _("ontvangst")


# Roles that may see an event's participants and check them in.
HOSTING_ROLES = (Role.EDITOR, Role.HOST)
EDITING_ROLES = (Role.EDITOR,)
