from collections.abc import Iterable
from typing import TypeVar

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.uploads import (
    VerifiedImageField,
    upload_to,
    validate_document,
    validate_upload_size,
)
from common.validators import validate_one_line
from initiatives.enums import (
    CollectionKind,
    DocumentKind,
    InitiativeStatus,
    LegalForm,
    OrganisationKind,
)

_Record = TypeVar("_Record", bound=models.Model)


class SharedRecordQuerySet(models.QuerySet[_Record, _Record]):
    """Reference data of the whole portal that one organisation keeps up to date
    (organisations, series, venues): every editor sees and picks all of it; the editors of
    the organisation named in `managed_by` change it, rows managed by nobody only
    superusers. teams.permissions asks ``for_organisations``."""

    def for_organisations(
        self, ids: Iterable[int], *, editing: bool
    ) -> "SharedRecordQuerySet[_Record]":
        ids = set(ids)
        if not ids:
            return self.none()  # not an editor anywhere: staff without a team see nothing
        if editing:
            return self.filter(managed_by__in=ids)
        return self.all()


class SharedRecordManager(models.Manager.from_queryset(SharedRecordQuerySet)):  # type: ignore[misc]  # a dynamic base
    pass


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    city = models.CharField(_("plaats"), max_length=100, blank=True, validators=[validate_one_line])
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    logo = VerifiedImageField(
        _("logo"),
        upload_to=upload_to("organisations"),
        blank=True,
    )
    managed_by = models.ForeignKey(
        "self",
        verbose_name=_("beheerd door"),
        related_name="managed_organisations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_(
            "De organisatie waarvan de redacteuren dit bijhouden; leeg: gedeeld, alleen "
            "beheerders wijzigen het."
        ),
    )

    objects = SharedRecordManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:organisation", kwargs={"slug": self.slug})

    def picker_label(self) -> str:
        """How the admin's pickers name it: two organisations may share a name."""
        return f"{self.name} · {self.city}" if self.city else self.name


class Domain(models.Model):
    """A field an initiative works in: energy, food, care, circular economy…"""

    verbose_name_article = "het"  # Dutch (common.admin_tools.DutchArticleMixin)

    name = models.CharField(_("naam"), max_length=100, unique=True, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")

    def __str__(self) -> str:
        return self.name


class Initiative(models.Model):
    verbose_name_article = "het"  # Dutch (common.admin_tools.DutchArticleMixin)
    name = models.CharField(_("naam"), max_length=200, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(
        _("samenvatting"), max_length=300, blank=True, validators=[validate_one_line]
    )
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))
    domains = models.ManyToManyField(
        Domain, verbose_name=_("domeinen"), related_name="initiatives", blank=True
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True, validators=[validate_one_line])
    district = models.CharField(
        _("wijk of stadsdeel"), max_length=100, blank=True, validators=[validate_one_line]
    )
    legal_form = models.CharField(
        _("rechtsvorm"), max_length=30, choices=LegalForm.choices, default=LegalForm.UNKNOWN
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ACTIVE,
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contactadres"), blank=True)
    image = VerifiedImageField(
        _("afbeelding"),
        upload_to=upload_to("initiatives"),
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("rechtspersoon"),
        related_name="initiatives",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:initiative", kwargs={"slug": self.slug})


class Collection(models.Model):
    """An incubator programme, network or book that groups initiatives."""

    name = models.CharField(_("naam"), max_length=200, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=CollectionKind.choices)
    summary = models.CharField(
        _("samenvatting"), max_length=300, blank=True, validators=[validate_one_line]
    )
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisaties"), related_name="collections", blank=True
    )
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    image = VerifiedImageField(
        _("afbeelding"),
        upload_to=upload_to("collections"),
        blank=True,
    )
    initiatives: "models.ManyToManyField[Initiative, CollectionMembership]" = (
        models.ManyToManyField(
            Initiative,
            verbose_name=_("initiatieven"),
            through="CollectionMembership",
            related_name="collections",
            blank=True,
        )
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("collectie")
        verbose_name_plural = _("collecties")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:collection", kwargs={"slug": self.slug})


class CollectionMembership(models.Model):
    """An initiative in a collection, with the civil servant and initiator who form its pair."""

    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collectie"),
        related_name="memberships",
        on_delete=models.CASCADE,
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        related_name="memberships",
        on_delete=models.CASCADE,
    )
    civil_servant = models.CharField(
        _("ambtenaar"),
        max_length=200,
        blank=True,
        help_text=_("Naam en afdeling van de ambtenaar van het koppel."),
        validators=[validate_one_line],
    )
    initiator = models.CharField(
        _("initiatiefnemer"),
        max_length=200,
        blank=True,
        help_text=_("Naam van de initiatiefnemer van het koppel."),
        validators=[validate_one_line],
    )
    note = models.CharField(
        _("toelichting"), max_length=300, blank=True, validators=[validate_one_line]
    )

    class Meta:
        ordering = ["collection", "initiative__name"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "initiative"],
                name="membership_once_per_collection",
                violation_error_message=_("Dit initiatief hoort al bij deze collectie."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.collection}"


class Document(models.Model):
    """Knowledge shared in the network, as an uploaded file or a link."""

    verbose_name_article = "het"  # Dutch (common.admin_tools.DutchArticleMixin)

    title = models.CharField(_("titel"), max_length=200, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=DocumentKind.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    file = models.FileField(
        _("bestand"),
        upload_to=upload_to("documents"),
        blank=True,
        validators=[validate_upload_size, validate_document],
        help_text=_("PDF, Office- of OpenDocument-bestand of afbeelding."),
    )
    url = models.URLField(_("link"), blank=True)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        related_name="documents",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collectie"),
        related_name="documents",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    published_on = models.DateField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="document_has_file_or_link",
                violation_error_message=_("Voeg een bestand of een link toe."),
            ),
            models.CheckConstraint(
                condition=Q(initiative__isnull=False) | Q(collection__isnull=False),
                name="document_belongs_somewhere",
                violation_error_message=_(
                    "Een document hoort bij een initiatief of een collectie."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:document", kwargs={"slug": self.slug})

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url
