"""The admin's login form, limited against password guessing like the site's own login.

The admin keeps its username login (organisers created with ``createsuperuser`` have no
verified address for allauth's e-mail login), but checks the password through allauth's
adapter, so the same failed-login limits apply (ACCOUNT_RATE_LIMITS["login_failed"]: per
client address and per account name). A successful login does not count.
"""

from allauth.account.adapter import get_adapter
from django.contrib.admin.forms import AdminAuthenticationForm


class RateLimitedAdminLoginForm(AdminAuthenticationForm):
    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # Raises a ValidationError ("too many failed login attempts") once over the limit.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
