"""Relations between models point down the layers, as imports do (the import contracts in
pyproject.toml check those). The order is the one of INSTALLED_APPS, lowest first."""

from django.apps import apps
from django.conf import settings

OURS = ["common", "initiatives", "teams", "events", "programme", "reservations", "privacy"]


def layer_of(app_label: str) -> int:
    return OURS.index(app_label)


def test_installed_apps_list_our_apps_lowest_first():
    labels = [config.label for config in apps.get_app_configs()]
    ours = [label for label in labels if label in OURS]
    assert ours == OURS
    assert settings.INSTALLED_APPS[-1] == "cooperatieve_stad"


def test_every_relation_points_to_the_same_layer_or_below():
    upward = [
        f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
        for label in OURS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model._meta.app_label in OURS
        and layer_of(field.related_model._meta.app_label) > layer_of(label)
    ]
    assert upward == []
