"""Django's password validators with the site's own Dutch: "je", not "Uw".

Django's Dutch catalogue addresses the visitor with "Uw" and lacks the message for a too
short password in Django 5.2 (it shows in English); the rules themselves are Django's.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken lang zijn.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        )

    def get_help_text(self) -> str:
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Je wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord lijkt te veel op je %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord mag niet te veel op je andere persoonlijke gegevens lijken.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord is te algemeen.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord mag geen veelgebruikt wachtwoord zijn.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord bestaat alleen uit cijfers.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord mag niet alleen uit cijfers bestaan.")
