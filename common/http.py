"""Request types for views, so that type checking knows what the decorators guarantee."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    """A request that passed login_required (or staff_member_required): a signed-in user."""

    user: User
