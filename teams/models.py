from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teams.enums import Role


class Membership(models.Model):
    """A staff user works for an organisation, in one role."""

    verbose_name_article = "het"  # Dutch (common.admin_tools.DutchArticleMixin)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        related_name="memberships",
        on_delete=models.CASCADE,
        # Only staff can sign in to the organisers' workspace.
        limit_choices_to={"is_staff": True},
    )
    organisation = models.ForeignKey(
        "initiatives.Organisation",
        verbose_name=_("organisatie"),
        related_name="memberships",
        on_delete=models.CASCADE,
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_once_per_organisation",
                violation_error_message=_("Deze gebruiker is al lid van deze organisatie."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"
