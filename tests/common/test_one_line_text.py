"""One-line text shown to the public (titles, names, codes, rooms, summaries) refuses line
breaks and other control characters, in every model that has it."""

import pytest
from django.core.exceptions import ValidationError

from common.validators import one_line
from tests import factories

pytestmark = pytest.mark.django_db

FIELDS = [
    (factories.OrganisationFactory, "name"),
    (factories.InitiativeFactory, "summary"),
    (factories.CollectionFactory, "name"),
    (factories.DocumentFactory, "title"),
    (factories.SeriesFactory, "name"),
    (factories.VenueFactory, "street_address"),
    (factories.EventFactory, "title"),
    (factories.EventFactory, "summary"),
    (factories.EventFAQFactory, "question"),
    (factories.SlotFactory, "location"),
    (factories.ThemeFactory, "title"),
    (factories.SpeakerFactory, "name"),
    (factories.SessionFactory, "code"),
    (factories.SessionFactory, "title"),
    (factories.SittingFactory, "room"),
]


@pytest.mark.parametrize("factory, field", FIELDS)
@pytest.mark.parametrize("text", ["Een\nTwee", "Een\r\nTwee", "Een\tTwee", "Een\x85Twee"])
def test_a_control_character_is_refused(factory, field, text):
    obj = factory()
    setattr(obj, field, text)

    with pytest.raises(ValidationError) as refused:
        obj.full_clean()

    assert field in refused.value.message_dict


@pytest.mark.parametrize("factory, field", FIELDS)
def test_ordinary_text_passes(factory, field):
    obj = factory()
    setattr(obj, field, "Ĳ “1a” 🌱")

    obj.full_clean()


def test_one_line_puts_a_space_where_control_characters_were():
    assert one_line("Regel een\r\nRegel twee\x07") == "Regel een Regel twee"
