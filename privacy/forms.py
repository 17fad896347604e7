"""Confirming the deletion of one's account: the password, or the address for accounts without one."""

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Longer input is no password anybody typed; it is refused before hashing.
MAX_CONFIRMATION_LENGTH = 1024


class DeleteAccountForm(forms.Form):
    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.by_password = user.has_usable_password()
        if self.by_password:
            field = forms.CharField(
                label=gettext_lazy("Je wachtwoord"),
                strip=False,
                max_length=MAX_CONFIRMATION_LENGTH,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            field = forms.CharField(
                label=gettext_lazy("Je e-mailadres"),
                max_length=MAX_CONFIRMATION_LENGTH,
                help_text=gettext_lazy("Typ het e-mailadres van je account ter bevestiging."),
                widget=forms.EmailInput(attrs={"autocomplete": "off"}),
            )
        self.fields["confirmation"] = field

    def clean_confirmation(self) -> str:
        value = self.cleaned_data["confirmation"]
        if self.by_password:
            if not self.user.check_password(value):
                raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        elif value.strip().casefold() != self.user.email.casefold():
            raise forms.ValidationError(_("Dit is niet het e-mailadres van je account."))
        return value
