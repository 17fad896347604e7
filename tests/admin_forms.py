"""Post the admin's forms as a browser would, and read the errors it shows.

`form_data` parses the rendered change or add form (the main form and every inline row,
with the inlines' management forms) into the data a browser would submit unchanged. A test
then changes a few values, adds inline rows with `add_inline_row` and posts the lot.
"""

import datetime as dt
from html.parser import HTMLParser

from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

FormData = dict[str, str | list[str]]

NOT_SUBMITTED = {"submit", "button", "reset", "image", "file"}


class _AdminFormParser(HTMLParser):
    """Collect the name/value pairs that submitting one <form> unchanged would send."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.pairs: list[tuple[str, str]] = []
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        name = attributes.get("name") or ""
        if "__prefix__" in name:  # the blank template row that JavaScript copies
            name = ""
        if "disabled" in attributes:  # browsers do not send a disabled field
            name = ""
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in NOT_SUBMITTED:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.pairs.append((name, attributes.get("value") or "on"))
                return
            self.pairs.append((name, attributes.get("value") or ""))
        elif tag == "select":
            self.select = {
                "name": name,
                "multiple": "multiple" in attributes,
                "first": None,
                "selected": [],
            }
        elif tag == "option" and self.select is not None:
            self.option = {"value": attributes.get("value"), "text": ""}
            if "selected" in attributes:
                self.select["selected"].append(self.option)
            if self.select["first"] is None:
                self.select["first"] = self.option
        elif tag == "textarea":
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data: str) -> None:
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if not self.in_form:
            return
        if tag == "form":
            self.in_form = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            select, self.select = self.select, None
            chosen = select["selected"]
            if not chosen and not select["multiple"] and select["first"] is not None:
                chosen = [select["first"]]  # a single select always sends its first option
            for option in chosen if select["name"] else []:
                value = option["value"] if option["value"] is not None else option["text"]
                self.pairs.append((select["name"], value))
        elif tag == "textarea" and self.textarea is not None:
            textarea, self.textarea = self.textarea, None
            if textarea["name"]:
                # Browsers drop the newline that follows <textarea>.
                self.pairs.append((textarea["name"], textarea["text"].removeprefix("\n")))


def form_data(response) -> FormData:
    """The data that submitting the admin form in `response` unchanged would post."""
    assert response.status_code == 200, response.status_code
    parser = _AdminFormParser(form_id=f"{response.context['opts'].model_name}_form")
    parser.feed(response.content.decode())
    assert parser.pairs, "no admin form found in the page"
    data: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def admin_url(model: type[Model] | Model, view: str = "change", *args: object) -> str:
    """The admin's `view` page of a model or of an object.

    admin_url(Event, "add"), admin_url(Event, "changelist"); admin_url(event) is its change
    page, admin_url(event, "history") its history. With `args` given, they are the URL's
    arguments instead of the object's pk: admin_url(Event, "change", pk).
    """
    opts = model._meta
    if not args and isinstance(model, Model):
        args = (model.pk,)
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def stored_files(settings) -> list:
    """The files that uploads left in the test's MEDIA_ROOT."""
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def get_form(client: Client, url: str) -> FormData:
    return form_data(client.get(url))


def split_datetime(name: str, value: dt.datetime) -> FormData:
    """The two inputs of the admin's split date/time widget, as the admin renders them."""
    local = timezone.localtime(value)
    return {
        f"{name}_0": formats.localize_input(local.date()),
        f"{name}_1": formats.localize_input(local.time().replace(microsecond=0)),
    }


def set_datetime(data: FormData, name: str, value: dt.datetime) -> None:
    """Fill a date-time field as the form renders it: the split widget's two inputs, or one
    datetime-local input (common.admin_tools.LOCAL_DATETIME)."""
    if f"{name}_0" in data:
        data.update(split_datetime(name, value))
    else:
        data[name] = timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def set_time(data: FormData, name: str, value: dt.datetime) -> None:
    """Fill a time-only input (a slot's "starts" and "ends") with `value`'s time in Amsterdam."""
    data[name] = timezone.localtime(value).strftime("%H:%M")


def add_inline_row(data: FormData, prefix: str, **values: object) -> str:
    """Add a row to inline `prefix`; a datetime fills a date-time field as set_datetime does,
    a time a time input. Returns the row's prefix."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    row = f"{prefix}-{index}"
    for field, value in values.items():
        if isinstance(value, dt.datetime):
            set_datetime(data, f"{row}-{field}", value)
        elif isinstance(value, dt.time):
            data[f"{row}-{field}"] = value.strftime("%H:%M")
        elif isinstance(value, Model):
            data[f"{row}-{field}"] = str(value.pk)
        else:
            data[f"{row}-{field}"] = str(value)
    return row


def errors(response) -> dict[str, list[str]]:
    """Every error the re-rendered admin form shows, by the name of its input.

    Main form: "title", "__all__". Inline row: "slots-1-kind", "slots-1-__all__".
    An inline's own errors (such as duplicates across rows): "slots".
    """
    found: dict[str, list[str]] = {}
    form = response.context["adminform"].form
    for field, messages in form.errors.items():
        found[field] = list(messages)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.non_form_errors():
            found[formset.prefix] = list(formset.non_form_errors())
        for row in formset.forms:
            for field, messages in row.errors.items():
                found[f"{row.prefix}-{field}"] = list(messages)
    return found


def assert_rejected(response, where: str, fragment: str = "") -> None:
    """The admin re-rendered the form (no 500, no redirect) with an error at `where`."""
    assert response.status_code == 200, f"expected the form back, got {response.status_code}"
    shown = errors(response)
    assert where in shown, f"no error at {where!r}; errors: {shown}"
    if fragment:
        assert any(fragment in message for message in shown[where]), shown[where]
    html = response.content.decode()
    assert 'class="errornote"' in html
