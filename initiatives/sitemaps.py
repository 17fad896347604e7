"""Organisations, initiatives, collections and documents: public as soon as they exist."""

from common.sitemaps import ModelSitemap
from initiatives.models import Collection, Document, Initiative, Organisation

SITEMAPS = {
    "organisations": ModelSitemap(Organisation),
    "initiatives": ModelSitemap(Initiative),
    "collections": ModelSitemap(Collection),
    "documents": ModelSitemap(Document),
}
