"""The site's versions of allauth's forms (settings.ACCOUNT_FORMS)."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, costing the same whether or not the address has an account.

    For a new address allauth creates the account and hashes the password (hundreds of
    milliseconds by design); for an address that has one it only mails its owner. The
    answers look alike (enumeration prevention), but their time told which addresses exist.
    The password is hashed on both paths; on the second the hash is thrown away.
    """

    def try_save(self, request: HttpRequest) -> tuple[AbstractBaseUser | None, HttpResponse | None]:
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
