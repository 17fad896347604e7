from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("gemeente")
    PROVINCE = "province", _("provincie")
    GOVERNMENT = "government", _("rijksoverheid")
    COOPERATIVE = "cooperative", _("coöperatie")
    FOUNDATION = "foundation", _("stichting")
    ASSOCIATION = "association", _("vereniging")
    UNIVERSITY = "university", _("hogeschool of universiteit")
    COMPANY = "company", _("bedrijf")
    COLLECTIVE = "collective", _("collectief")
    NETWORK = "network", _("netwerk of platform")
    VENUE = "venue", _("debatcentrum of podium")
    OTHER = "other", _("anders")


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("coöperatie")
    FOUNDATION = "foundation", _("stichting")
    ASSOCIATION = "association", _("vereniging")
    INFORMAL = "informal", _("informeel collectief")
    RESIDENTS_COMPANY = "residents_company", _("bewonersbedrijf")
    GOVERNMENT_PROGRAMME = "government_programme", _("gemeentelijk programma")
    UNKNOWN = "unknown", _("onbekend")


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("in oprichting")
    ACTIVE = "active", _("actief")
    PAUSED = "paused", _("gepauzeerd")
    ENDED = "ended", _("beëindigd")


class CollectionKind(models.TextChoices):
    INCUBATOR = "incubator", _("incubatorprogramma")
    NETWORK = "network", _("netwerk")
    BOOK = "book", _("boek")
    PROGRAMME = "programme", _("programma")


class DocumentKind(models.TextChoices):
    STATUTES = "statutes", _("statuten")
    PROJECT_PLAN = "project_plan", _("projectplan")
    PILOT_IDEA = "pilot_idea", _("idee voor een pilot")
    FUNDING = "funding", _("subsidie- en investeringsmogelijkheden")
    BOOK = "book", _("boek of publicatie")
    REPORT = "report", _("verslag")
    OTHER = "other", _("anders")
