"""Users and memberships are managed by superusers only, whatever model permissions staff hold.

A staff user with Django's permissions on users and memberships but no membership would
otherwise list every account's e-mail address and give itself a role in any organisation.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from teams.enums import Role
from teams.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PERMISSIONS = [
    ("auth", "view_user"),
    ("auth", "change_user"),
    ("auth", "add_user"),
    ("auth", "view_group"),
    ("auth", "change_group"),
    ("auth", "add_group"),
    ("teams", "view_membership"),
    ("teams", "add_membership"),
    ("teams", "change_membership"),
    ("initiatives", "view_organisation"),
    ("initiatives", "change_organisation"),
]


@pytest.fixture
def privileged_staff():
    """Staff holding the model permissions of users and memberships, without a membership."""
    user = UserFactory(is_staff=True, email="staf@example.org")
    user.user_permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in PERMISSIONS
    )
    return user


@pytest.fixture
def other():
    return UserFactory(email="geheim@example.org")


def pages(staff, other) -> dict[str, str]:
    membership = MembershipFactory(user=other)
    group = Group.objects.create(name="Redactie")
    return {
        "user changelist": reverse("admin:auth_user_changelist"),
        "user add": reverse("admin:auth_user_add"),
        "user change": reverse("admin:auth_user_change", args=[other.pk]),
        "own user change": reverse("admin:auth_user_change", args=[staff.pk]),
        "user password": reverse("admin:auth_user_password_change", args=[other.pk]),
        "user history": reverse("admin:auth_user_history", args=[other.pk]),
        "membership changelist": reverse("admin:teams_membership_changelist"),
        "membership add": reverse("admin:teams_membership_add"),
        "membership change": reverse("admin:teams_membership_change", args=[membership.pk]),
        "group changelist": reverse("admin:auth_group_changelist"),
        "group add": reverse("admin:auth_group_add"),
        "group change": reverse("admin:auth_group_change", args=[group.pk]),
    }


def test_staff_with_model_permissions_but_no_membership_are_refused(
    client, privileged_staff, other
):
    client.force_login(privileged_staff)

    answers = {
        name: client.get(url).status_code for name, url in pages(privileged_staff, other).items()
    }

    assert answers == dict.fromkeys(answers, 403)
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/auth/user/" not in index
    assert "/admin/teams/membership/" not in index
    user_search = client.get(
        f"{reverse('admin:autocomplete')}?app_label=teams&model_name=membership"
        "&field_name=user&term=geheim"
    )
    assert user_search.status_code == 403
    assert "geheim@example.org" not in user_search.content.decode()


def test_staff_cannot_give_themselves_a_membership(client, privileged_staff):
    organisation = OrganisationFactory()
    client.force_login(privileged_staff)

    direct = client.post(
        reverse("admin:teams_membership_add"),
        {"user": privileged_staff.pk, "organisation": organisation.pk, "role": Role.EDITOR},
    )
    own_page = client.post(
        reverse("admin:auth_user_change", args=[privileged_staff.pk]),
        {
            "username": privileged_staff.username,
            "is_staff": "on",
            "is_superuser": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-organisation": organisation.pk,
            "memberships-0-role": Role.EDITOR,
        },
    )

    assert direct.status_code == 403
    assert own_page.status_code == 403
    assert not Membership.objects.filter(user=privileged_staff).exists()
    privileged_staff.refresh_from_db()
    assert not privileged_staff.is_superuser


def test_an_editor_is_refused_too(client, other):
    editor = MembershipFactory(role=Role.EDITOR).user
    editor.user_permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in PERMISSIONS
    )
    client.force_login(editor)

    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:teams_membership_changelist")).status_code == 403


def test_a_superuser_still_manages_users_and_memberships(admin_client, other):
    organisation = OrganisationFactory()
    other.is_staff = True  # memberships are for staff
    other.save()

    users = admin_client.get(reverse("admin:auth_user_changelist"))
    user_page = admin_client.get(reverse("admin:auth_user_change", args=[other.pk]))
    memberships = admin_client.get(reverse("admin:teams_membership_changelist"))
    added = admin_client.post(
        reverse("admin:teams_membership_add"),
        {"user": other.pk, "organisation": organisation.pk, "role": Role.HOST},
    )

    assert users.status_code == 200 and "geheim@example.org" in users.content.decode()
    assert user_page.status_code == 200
    assert memberships.status_code == 200
    assert added.status_code == 302
    assert Membership.objects.filter(user=other, organisation=organisation).exists()
    assert get_user_model().objects.filter(pk=other.pk).exists()
