"""The two steps of the import in the admin: upload a file, confirm what it will change."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from sessions.programme_import.reading import MAX_FILE_BYTES, FileRejected, Row, read_rows

# Rows stay valid for an hour between preview and confirm; they are re-checked on confirm.
TOKEN_MAX_AGE = 3600


class ProgrammeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een CSV- of XLSX-bestand met één rij per sessie, zoals het sjabloon."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(limit)d kB."),
                code="file_too_large",
                params={"limit": MAX_FILE_BYTES // 1024},
            )
        try:
            self.rows = read_rows(upload.name or "", upload.read())
        except FileRejected as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        return upload


def sign_rows(event_id: int, rows: list[Row]) -> str:
    payload = [[row.number, row.cells] for row in rows]
    return signing.dumps(payload, salt=_salt(event_id), compress=True)


def unsign_rows(event_id: int, token: str) -> list[Row] | None:
    """The rows of the preview, or None when the token is not ours, for another event, or old."""
    try:
        payload = signing.loads(token, salt=_salt(event_id), max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return [Row(number=number, cells=cells) for number, cells in payload]


def _salt(event_id: int) -> str:
    return f"sessions.programme_import:{event_id}"
