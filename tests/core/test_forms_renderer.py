"""The GOV.UK form renderer: every standard widget, valid and invalid, checked with an
HTML parser against GOV.UK Frontend's markup."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.html import Element, parse_html
from django.utils.datastructures import MultiValueDict

from commissioning.core.forms import (
    CharacterCountTextarea,
    ConditionalRevealMixin,
    DateInputWidget,
    GovukCheckboxSelectMultiple,
    GovukDateField,
    GovukFormRenderer,
    GovukRadioSelect,
    MoneyField,
)

# --- Reading HTML -------------------------------------------------------------------


def parse(html: object) -> Element:
    # A wrapper, so that a fragment with one root element is searched from its root too.
    return parse_html(f"<body>{html}</body>")


def walk(node: Element):
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from walk(child)


def attr(element: Element, name: str):
    """An attribute's value; True for a bare attribute; None when absent."""
    for key, value in element.attributes:
        if key == name:
            return True if value is None else value
    return None


def classes(element: Element) -> set[str]:
    return set((attr(element, "class") or "").split())


def find_all(node: Element, tag: str | None = None, cls: str | None = None, **attrs) -> list:
    found = []
    for element in walk(node):
        if tag and element.name != tag:
            continue
        if cls and cls not in classes(element):
            continue
        if any(attr(element, k.replace("_", "-")) != v for k, v in attrs.items()):
            continue
        found.append(element)
    return found


def find(node: Element, tag: str | None = None, cls: str | None = None, **attrs) -> Element:
    found = find_all(node, tag, cls, **attrs)
    assert len(found) == 1, f"expected one {tag or ''}.{cls or ''} {attrs}, found {len(found)}"
    return found[0]


def text(element: Element) -> str:
    parts = []
    for child in element.children:
        parts.append(text(child) if isinstance(child, Element) else child)
    return " ".join(" ".join(parts).split())


def ids(node: Element) -> set[str]:
    return {attr(e, "id") for e in walk(node) if attr(e, "id")}


def group(field: forms.BoundField) -> Element:
    """The field's form group, parsed."""
    return parse(field.as_field_group())


# --- Forms used below ------------------------------------------------------------------

COLOURS = [("red", "Red"), ("green", "Green"), ("blue", "Blue")]


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on your passport", max_length=50)
    email = forms.EmailField(label="E-mail address")
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    staff = forms.IntegerField(label="Number of staff", min_value=0)
    ratio = forms.DecimalField(label="Ratio", decimal_places=2)
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    amount = MoneyField(label="Amount")
    notes = forms.CharField(label="Notes", widget=forms.Textarea)
    summary = forms.CharField(label="Summary", widget=forms.Textarea, max_length=500)
    area = forms.ChoiceField(label="Area", choices=[("", "Choose an area"), *COLOURS])
    colour = forms.ChoiceField(label="Colour", choices=COLOURS, widget=forms.RadioSelect)
    themes = forms.MultipleChoiceField(
        label="Themes", choices=COLOURS, widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="I agree", help_text="You must agree to continue")
    start = GovukDateField(label="Start date")
    document = forms.FileField(label="Document")
    token = forms.CharField(widget=forms.HiddenInput)


VALID_DATA = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "website": "",
    "staff": "12",
    "ratio": "1.5",
    "password": "correct horse battery staple",
    "amount": "£1,234.56",
    "notes": "Some notes",
    "summary": "A summary",
    "area": "red",
    "colour": "green",
    "themes": ["red", "blue"],
    "agree": "on",
    "start_day": "1",
    "start_month": "4",
    "start_year": "2025",
    "token": "abc",
}


def valid_form() -> EveryWidgetForm:
    files: MultiValueDict[str, UploadedFile] = MultiValueDict(
        {"document": [SimpleUploadedFile("plan.pdf", b"%PDF-1.4")]}
    )
    return EveryWidgetForm(data=VALID_DATA, files=files)


def invalid_form() -> EveryWidgetForm:
    form = EveryWidgetForm(data={"start_day": "1", "start_year": "2025", "amount": "abc"})
    assert not form.is_valid()
    return form


def test_the_renderer_is_the_project_default():
    assert isinstance(EveryWidgetForm().renderer, GovukFormRenderer)


def test_a_valid_form_is_valid_and_renders_without_error_markup():
    form = valid_form()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("1234.56")
    assert form.cleaned_data["start"] == datetime.date(2025, 4, 1)
    html = str(form)
    assert "govuk-form-group--error" not in html
    assert "govuk-error-message" not in html
    assert "aria-invalid" not in html


# --- Text-like inputs ----------------------------------------------------------------


def test_text_input_has_label_hint_and_no_browser_validation_attributes():
    root = group(EveryWidgetForm()["name"])
    form_group = find(root, "div", "govuk-form-group")
    assert "govuk-form-group--error" not in classes(form_group)
    label = find(root, "label", "govuk-label")
    assert attr(label, "for") == "id_name"
    assert text(label) == "Full name"
    hint = find(root, "div", "govuk-hint")
    assert attr(hint, "id") == "id_name-hint"
    assert text(hint) == "As on your passport"
    box = find(root, "input", id="id_name")
    assert attr(box, "type") == "text"
    assert classes(box) == {"govuk-input"}
    assert attr(box, "aria-describedby") == "id_name-hint"
    # GOV.UK validates on the server: no browser bubbles, no silent truncation.
    assert attr(box, "required") is None
    assert attr(box, "maxlength") is None


def test_text_input_with_an_error():
    root = group(invalid_form()["name"])
    assert "govuk-form-group--error" in classes(find(root, "div", "govuk-form-group"))
    message = find(root, "p", "govuk-error-message")
    assert attr(message, "id") == "id_name-error"
    hidden = find(message, "span", "govuk-visually-hidden")
    assert text(hidden) == "Error:"
    assert text(message) == "Error: This field is required."
    box = find(root, "input", id="id_name")
    assert classes(box) == {"govuk-input", "govuk-input--error"}
    assert attr(box, "aria-describedby") == "id_name-hint id_name-error"


def test_email_and_url_inputs_turn_spellcheck_off():
    form = EveryWidgetForm()
    email = find(group(form["email"]), "input", id="id_email")
    assert attr(email, "type") == "email"
    assert attr(email, "spellcheck") == "false"
    assert attr(find(group(form["website"]), "input", id="id_website"), "spellcheck") == "false"


def test_number_inputs_are_text_boxes_as_gov_uk_asks():
    form = EveryWidgetForm()
    staff = find(group(form["staff"]), "input", id="id_staff")
    assert attr(staff, "type") == "text"
    assert attr(staff, "inputmode") == "numeric"
    assert "govuk-input--width-10" in classes(staff)
    assert attr(staff, "min") is None
    ratio = find(group(form["ratio"]), "input", id="id_ratio")
    assert attr(ratio, "type") == "text"
    assert attr(ratio, "inputmode") is None  # decimals: the numeric keypad has no point
    assert attr(ratio, "step") is None
    # The field still validates as a number.
    form = EveryWidgetForm(data={"staff": "-1"})
    assert form.errors["staff"] == ["Ensure this value is greater than or equal to 0."]


def test_a_width_class_on_the_widget_is_kept():
    class WidthForm(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}))
        count = forms.IntegerField(
            widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"})
        )

    form = WidthForm()
    assert classes(find(group(form["code"]), "input")) == {"govuk-input", "govuk-input--width-5"}
    assert classes(find(group(form["count"]), "input")) == {"govuk-input", "govuk-input--width-3"}


def test_password_input_uses_the_gov_uk_password_component():
    root = group(EveryWidgetForm()["password"])
    form_group = find(root, "div", "govuk-password-input")
    assert attr(form_group, "data-module") == "govuk-password-input"
    wrapper = find(root, "div", "govuk-password-input__wrapper")
    box = find(wrapper, "input", id="id_password")
    assert attr(box, "type") == "password"
    assert {"govuk-input", "govuk-js-password-input-input"} <= classes(box)
    assert attr(box, "autocomplete") == "current-password"
    assert attr(box, "spellcheck") == "false"
    toggle = find(wrapper, "button", "govuk-js-password-input-toggle")
    assert attr(toggle, "hidden") is True  # shown by JavaScript only
    assert attr(toggle, "aria-controls") == "id_password"


def test_password_autocomplete_set_by_the_form_is_kept():
    form = auth_forms.SetPasswordForm(user=None)
    box = find(group(form["new_password1"]), "input", id="id_new_password1")
    assert attr(box, "autocomplete") == "new-password"


# --- Money ----------------------------------------------------------------------------


def test_money_input_has_a_pound_prefix():
    root = group(EveryWidgetForm()["amount"])
    wrapper = find(root, "div", "govuk-input__wrapper")
    prefix = find(wrapper, "div", "govuk-input__prefix")
    assert text(prefix) == "£"
    assert attr(prefix, "aria-hidden") == "true"
    box = find(wrapper, "input", id="id_amount")
    assert attr(box, "type") == "text"
    assert classes(box) == {"govuk-input", "govuk-input--width-10"}


def test_money_input_shows_a_saved_amount_with_commas_and_typed_input_as_typed():
    form = EveryWidgetForm(initial={"amount": Decimal("1234.5")})
    assert attr(find(group(form["amount"]), "input", id="id_amount"), "value") == "1,234.50"
    root = group(invalid_form()["amount"])
    box = find(root, "input", id="id_amount")
    assert attr(box, "value") == "abc"
    assert "govuk-input--error" in classes(box)
    assert text(find(root, "p", "govuk-error-message")) == (
        "Error: Enter an amount in pounds and pence, like £1,234.56"
    )


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("£1,234.56", Decimal("1234.56")),
        ("1,234", Decimal("1234.00")),
        ("1234.5", Decimal("1234.50")),
        (" £ 12 ", Decimal("12.00")),
        ("0", Decimal("0.00")),
        ("999,999,999,999.99", Decimal("999999999999.99")),
    ],
)
def test_money_field_reads_what_people_type(typed, amount):
    value = MoneyField().clean(typed)
    assert value == amount
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter an amount in pounds and pence, like £1,234.56"),
        ("12.345", "Enter an amount with no more than 2 decimal places, like £8,683.75"),
        ("1,23,4", "Enter an amount in pounds and pence, like £1,234.56"),
        ("-5", "Enter an amount of £0 or more"),
        ("1,000,000,000,000", "Enter an amount less than £1,000,000,000,000"),
        ("", "Enter an amount"),
    ],
)
def test_money_field_refuses_bad_input_with_gov_uk_messages(typed, message):
    with pytest.raises(forms.ValidationError) as error:
        MoneyField().clean(typed)
    assert error.value.messages == [message]


def test_money_field_may_allow_negative_amounts_and_be_optional():
    assert MoneyField(allow_negative=True).clean("-£5") == Decimal("-5.00")
    assert MoneyField(required=False).clean("") is None


def test_money_field_limits_are_shown_as_money():
    field = MoneyField(max_value=Decimal(1000), min_value=Decimal(10))
    with pytest.raises(forms.ValidationError) as error:
        field.clean("1,000.01")
    assert error.value.messages == ["Enter an amount of £1,000.00 or less"]
    with pytest.raises(forms.ValidationError) as error:
        field.clean("9.99")
    assert error.value.messages == ["Enter an amount of £10.00 or more"]


# --- Textareas and the character count --------------------------------------------------


def test_textarea_without_a_limit_is_a_plain_gov_uk_textarea():
    root = group(EveryWidgetForm()["notes"])
    area = find(root, "textarea", id="id_notes")
    assert classes(area) == {"govuk-textarea"}
    assert not find_all(root, cls="govuk-character-count")


def test_textarea_with_max_length_gets_a_character_count():
    root = group(invalid_form()["summary"])
    container = find(root, "div", "govuk-character-count")
    assert attr(container, "data-module") == "govuk-character-count"
    assert attr(container, "data-maxlength") == "500"
    assert "govuk-form-group--error" in classes(container)
    area = find(root, "textarea", id="id_summary")
    assert {"govuk-textarea", "govuk-js-character-count", "govuk-textarea--error"} <= classes(area)
    # The count tells people when they are over; the browser must not cut them off.
    assert attr(area, "maxlength") is None
    assert attr(area, "aria-describedby") == "id_summary-info id_summary-error"
    message = find(root, "div", "govuk-character-count__message")
    assert attr(message, "id") == "id_summary-info"
    assert "govuk-hint" in classes(message)
    assert text(message) == "You can enter up to 500 characters"


def test_character_count_by_words_with_a_threshold():
    class WordsForm(forms.Form):
        story = forms.CharField(widget=CharacterCountTextarea(maxwords=150, threshold=75))

    root = group(WordsForm()["story"])
    container = find(root, "div", "govuk-character-count")
    assert attr(container, "data-maxwords") == "150"
    assert attr(container, "data-maxlength") is None
    assert attr(container, "data-threshold") == "75"
    assert text(find(root, "div", "govuk-character-count__message")) == (
        "You can enter up to 150 words"
    )


def test_a_too_long_answer_is_refused_by_the_server():
    form = EveryWidgetForm(data={**VALID_DATA, "summary": "x" * 501})
    assert "summary" in form.errors


# --- Select ---------------------------------------------------------------------------


def test_select():
    root = group(EveryWidgetForm()["area"])
    select = find(root, "select", id="id_area")
    assert classes(select) == {"govuk-select"}
    assert [text(option) for option in find_all(select, "option")] == [
        "Choose an area",
        "Red",
        "Green",
        "Blue",
    ]
    select = find(group(invalid_form()["area"]), "select", id="id_area")
    assert classes(select) == {"govuk-select", "govuk-select--error"}
    assert attr(select, "aria-describedby") == "id_area-error"


# --- Radios ---------------------------------------------------------------------------


def test_radios_are_a_fieldset_with_a_legend():
    root = group(EveryWidgetForm(initial={"colour": "green"})["colour"])
    fieldset = find(root, "fieldset", "govuk-fieldset")
    assert text(find(fieldset, "legend", "govuk-fieldset__legend")) == "Colour"
    radios = find(fieldset, "div", "govuk-radios")
    assert attr(radios, "data-module") == "govuk-radios"
    items = find_all(radios, "div", "govuk-radios__item")
    assert len(items) == 3
    inputs = find_all(radios, "input", "govuk-radios__input")
    assert [attr(i, "id") for i in inputs] == ["id_colour_0", "id_colour_1", "id_colour_2"]
    assert [attr(i, "checked") for i in inputs] == [None, True, None]
    labels = find_all(radios, "label", "govuk-radios__label")
    assert [attr(label, "for") for label in labels] == ["id_colour_0", "id_colour_1", "id_colour_2"]
    assert all("govuk-label" in classes(label) for label in labels)


def test_radios_with_an_error_describe_the_fieldset():
    root = group(invalid_form()["colour"])
    fieldset = find(root, "fieldset")
    assert attr(fieldset, "aria-describedby") == "id_colour-error"
    assert attr(find(fieldset, "p", "govuk-error-message"), "id") == "id_colour-error"


def test_inline_radios_with_hints_and_a_divider():
    class ContactForm(forms.Form):
        urgent = forms.ChoiceField(
            choices=[("yes", "Yes"), ("no", "No")], widget=GovukRadioSelect(inline=True)
        )
        method = forms.ChoiceField(
            choices=[("email", "E-mail"), ("post", "Post"), ("none", "Do not contact me")],
            widget=GovukRadioSelect(hints={"post": "Takes 5 days"}, dividers={"none": "or"}),
        )

    form = ContactForm()
    assert classes(find(group(form["urgent"]), "div", "govuk-radios")) == {
        "govuk-radios",
        "govuk-radios--inline",
    }
    root = group(form["method"])
    post = find(root, "input", id="id_method_1")
    assert attr(post, "aria-describedby") == "id_method_1-item-hint"
    hint = find(root, "div", "govuk-radios__hint")
    assert attr(hint, "id") == "id_method_1-item-hint"
    assert text(hint) == "Takes 5 days"
    assert text(find(root, "div", "govuk-radios__divider")) == "or"


def test_radios_leave_out_djangos_dashes_option():
    class OptionalForm(forms.Form):
        colour = forms.ChoiceField(
            choices=[("", "---------"), *COLOURS], widget=forms.RadioSelect, required=False
        )

    form = OptionalForm(data={})
    root = group(form["colour"])
    assert [text(label) for label in find_all(root, "label")] == ["Red", "Green", "Blue"]
    assert form["colour"].govuk_anchor_id == "id_colour_1"


def test_a_radio_select_drawn_on_its_own_is_still_gov_uk_radios():
    root = parse(EveryWidgetForm()["colour"])
    assert find(root, "div", "govuk-radios")
    assert len(find_all(root, "div", "govuk-radios__item")) == 3
    assert attr(find_all(root, "label")[0], "for") == "id_colour_0"


# --- Conditional reveal -----------------------------------------------------------------


class ContactForm(ConditionalRevealMixin, forms.Form):
    conditional_reveal = {
        "contact_by": {"email": ["email"], "phone": ["phone", "phone_times"]},
    }
    contact_by = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("email", "E-mail"), ("phone", "Phone"), ("none", "Do not contact me")],
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label="E-mail address")
    phone = forms.CharField(label="Phone number")
    phone_times = forms.CharField(label="Best time to call", required=False)


def test_conditional_reveal_draws_fields_inside_their_option():
    html = str(ContactForm())
    root = parse(html)
    email_radio = find(root, "input", id="id_contact_by_0")
    assert attr(email_radio, "data-aria-controls") == "conditional-id_contact_by_0"
    panel = find(root, "div", id="conditional-id_contact_by_0")
    assert classes(panel) == {"govuk-radios__conditional", "govuk-radios__conditional--hidden"}
    assert find(panel, "input", id="id_email")
    phone_panel = find(root, "div", id="conditional-id_contact_by_1")
    assert find(phone_panel, "input", id="id_phone")
    assert find(phone_panel, "input", id="id_phone_times")
    # Each revealed field is drawn once, inside its option, not again below.
    assert html.count('name="email"') == 1
    assert html.count('name="phone"') == 1
    # The option without a reveal has no panel.
    assert attr(find(root, "input", id="id_contact_by_2"), "data-aria-controls") is None


def test_the_chosen_options_panel_is_not_hidden():
    root = parse(ContactForm(data={"contact_by": "phone"}))
    assert classes(find(root, "div", id="conditional-id_contact_by_1")) == {
        "govuk-radios__conditional"
    }
    assert "govuk-radios__conditional--hidden" in classes(
        find(root, "div", id="conditional-id_contact_by_0")
    )


def test_a_revealed_field_is_required_only_when_its_option_is_chosen():
    form = ContactForm(data={"contact_by": "phone", "email": "not an address"})
    assert not form.is_valid()
    assert form.errors == {"phone": ["This field is required."]}
    # What was typed under an option that is not chosen is ignored, not saved.
    form = ContactForm(data={"contact_by": "none", "email": "not an address", "phone": "0116"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == ""
    assert form.cleaned_data["phone"] == ""


def test_a_revealed_field_with_an_error_is_linked_from_the_summary():
    form = ContactForm(data={"contact_by": "email", "email": ""})
    root = parse(str(form))
    assert "govuk-form-group--error" in classes(
        find(find(root, "div", id="conditional-id_contact_by_0"), "div", "govuk-form-group")
    )
    summary = parse(render_to_string("govuk/error_summary.html", {"form": form}))
    assert [attr(a, "href") for a in find_all(summary, "a")] == ["#id_email"]


def test_a_single_checkbox_can_reveal_a_field():
    class NotifyForm(ConditionalRevealMixin, forms.Form):
        conditional_reveal = {"notify": {True: ["address"]}}
        notify = forms.BooleanField(label="Send me updates", required=False)
        address = forms.EmailField(label="E-mail address")

    root = parse(NotifyForm(data={"notify": "on"}))
    panel = find(root, "div", id="conditional-id_notify")
    assert classes(panel) == {"govuk-checkboxes__conditional"}
    assert find(panel, "input", id="id_address")
    assert NotifyForm(data={}).is_valid()
    assert not NotifyForm(data={"notify": "on"}).is_valid()


# --- Checkboxes ---------------------------------------------------------------------------


def test_checkboxes():
    root = group(EveryWidgetForm(initial={"themes": ["blue"]})["themes"])
    fieldset = find(root, "fieldset")
    assert text(find(fieldset, "legend")) == "Themes"
    boxes = find(fieldset, "div", "govuk-checkboxes")
    assert attr(boxes, "data-module") == "govuk-checkboxes"
    inputs = find_all(boxes, "input", "govuk-checkboxes__input")
    assert [attr(i, "type") for i in inputs] == ["checkbox"] * 3
    assert [attr(i, "checked") for i in inputs] == [None, None, True]
    assert all(attr(i, "name") == "themes" for i in inputs)


def test_small_checkboxes_with_an_exclusive_option():
    class ThemesForm(forms.Form):
        themes = forms.MultipleChoiceField(
            choices=[*COLOURS, ("none", "None of these")],
            widget=GovukCheckboxSelectMultiple(
                small=True, exclusive="none", dividers={"none": "or"}
            ),
        )

    root = group(ThemesForm()["themes"])
    assert "govuk-checkboxes--small" in classes(find(root, "div", "govuk-checkboxes"))
    assert attr(find(root, "input", id="id_themes_3"), "data-behaviour") == "exclusive"
    assert text(find(root, "div", "govuk-checkboxes__divider")) == "or"


def test_a_boolean_field_is_a_single_checkbox():
    root = group(EveryWidgetForm(data={"agree": "on"})["agree"])
    assert not find_all(root, "fieldset")
    boxes = find(root, "div", "govuk-checkboxes")
    assert len(find_all(boxes, "div", "govuk-checkboxes__item")) == 1
    box = find(boxes, "input", id="id_agree")
    assert attr(box, "type") == "checkbox"
    assert attr(box, "checked") is True
    assert attr(box, "aria-describedby") == "id_agree-hint"
    label = find(boxes, "label", "govuk-checkboxes__label")
    assert (attr(label, "for"), text(label)) == ("id_agree", "I agree")
    assert text(find(boxes, "div", "govuk-checkboxes__hint")) == "You must agree to continue"


def test_a_single_checkbox_with_an_error():
    root = group(invalid_form()["agree"])
    assert "govuk-form-group--error" in classes(find(root, "div", "govuk-form-group"))
    assert attr(find(root, "input", id="id_agree"), "aria-describedby") == (
        "id_agree-hint id_agree-error"
    )


# --- Dates -----------------------------------------------------------------------------------


def test_date_input_markup():
    root = group(EveryWidgetForm(initial={"start": datetime.date(2025, 4, 1)})["start"])
    fieldset = find(root, "fieldset")
    assert attr(fieldset, "role") == "group"
    assert text(find(fieldset, "legend")) == "Start date"
    date_input = find(fieldset, "div", "govuk-date-input")
    assert attr(date_input, "id") == "id_start"
    boxes = find_all(date_input, "input")
    assert [attr(b, "id") for b in boxes] == ["id_start_day", "id_start_month", "id_start_year"]
    assert [attr(b, "name") for b in boxes] == ["start_day", "start_month", "start_year"]
    assert [attr(b, "value") for b in boxes] == ["1", "4", "2025"]
    assert all(attr(b, "inputmode") == "numeric" for b in boxes)
    assert [classes(b) & {"govuk-input--width-2", "govuk-input--width-4"} for b in boxes] == [
        {"govuk-input--width-2"},
        {"govuk-input--width-2"},
        {"govuk-input--width-4"},
    ]
    labels = find_all(date_input, "label", "govuk-date-input__label")
    assert [text(label) for label in labels] == ["Day", "Month", "Year"]


def _date_errors(day: str, month: str, year: str, **field_kwargs):
    class DateForm(forms.Form):
        when = GovukDateField(**field_kwargs)

    form = DateForm(data={"when_day": day, "when_month": month, "when_year": year})
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "boxes_in_error"),
    [
        ("", "", "", "Enter a date", ["day", "month", "year"]),
        ("3", "", "2025", "Date must include a month", ["month"]),
        ("", "", "2025", "Date must include a day and month", ["day", "month"]),
        ("3", "4", "", "Date must include a year", ["year"]),
        ("31", "2", "2025", "Date must be a real date", ["day"]),
        ("1", "13", "2025", "Date must be a real date", ["month"]),
        ("x", "4", "2025", "Date must be a real date", ["day"]),
        ("1", "4", "25", "Year must include 4 numbers", ["year"]),
    ],
)
def test_date_errors_name_the_problem_and_highlight_only_those_boxes(
    day, month, year, message, boxes_in_error
):
    form = _date_errors(day, month, year)
    assert form.errors["when"] == [message]
    root = group(form["when"])
    in_error = [
        attr(box, "name").removeprefix("when_")
        for box in find_all(root, "input")
        if "govuk-input--error" in classes(box)
    ]
    assert in_error == boxes_in_error
    assert attr(find(root, "fieldset"), "aria-describedby") == "id_when-error"
    # The error summary links to the first box in error.
    assert form["when"].govuk_anchor_id == f"id_when_{boxes_in_error[0]}"


def test_date_messages_use_the_fields_name():
    form = _date_errors("3", "", "2025", label="When does it start?", error_label="Start date")
    assert form.errors["when"] == ["Start date must include a month"]
    form = _date_errors("", "", "", label="Start date")
    assert form.errors["when"] == ["Enter start date"]


def test_date_field_accepts_month_names_and_is_optional_when_asked():
    assert _date_errors("1", "Feb", "2024").cleaned_data["when"] == datetime.date(2024, 2, 1)
    assert _date_errors("29", "february", "2024").cleaned_data["when"] == datetime.date(2024, 2, 29)
    assert _date_errors("", "", "", required=False).cleaned_data["when"] is None


def test_date_of_birth_autocomplete():
    class BirthForm(forms.Form):
        born = GovukDateField(widget=DateInputWidget(autocomplete="bday"))

    boxes = find_all(group(BirthForm()["born"]), "input")
    assert [attr(b, "autocomplete") for b in boxes] == ["bday-day", "bday-month", "bday-year"]


# --- Files and hidden inputs -------------------------------------------------------------------


def test_file_upload():
    root = group(EveryWidgetForm()["document"])
    box = find(root, "input", id="id_document")
    assert attr(box, "type") == "file"
    assert classes(box) == {"govuk-file-upload"}
    box = find(group(invalid_form()["document"]), "input", id="id_document")
    assert classes(box) == {"govuk-file-upload", "govuk-file-upload--error"}


def test_an_optional_file_with_a_current_file_can_be_removed():
    class FakeFile:
        url = "/media/plan.pdf"

        def __str__(self):
            return "plan.pdf"

    class UploadForm(forms.Form):
        document = forms.FileField(required=False)

    root = group(UploadForm(initial={"document": FakeFile()})["document"])
    link = find(root, "a", "govuk-link")
    assert (attr(link, "href"), text(link)) == ("/media/plan.pdf", "plan.pdf")
    clear = find(root, "input", "govuk-checkboxes__input")
    assert attr(clear, "name") == "document-clear"
    assert classes(find(root, "input", id="id_document")) == {"govuk-file-upload"}


def test_hidden_fields_are_hidden_and_their_errors_are_shown_with_the_forms_errors():
    root = parse(invalid_form())
    token = find(root, "input", name="token")
    assert attr(token, "type") == "hidden"
    top = find_all(root, "div", "govuk-form-group--error")[0]
    assert "(Hidden field token) This field is required." in text(top)


# --- Labels as page headings, sizes, non-field errors --------------------------------------------


def test_label_as_heading_from_the_form():
    class OneQuestionForm(forms.Form):
        label_as_heading = True
        name = forms.CharField(label="What is the provider called?")
        note = forms.CharField(required=False)

    root = parse(OneQuestionForm())
    heading = find(root, "h1", "govuk-label-wrapper")
    label = find(heading, "label")
    assert classes(label) == {"govuk-label", "govuk-label--l"}
    assert text(label) == "What is the provider called?"
    assert len(find_all(root, "h1")) == 1


def test_legend_as_heading_for_radios_named_by_the_form():
    class ChoiceForm(forms.Form):
        label_as_heading = "colour"
        colour = forms.ChoiceField(label="Which colour?", choices=COLOURS, widget=forms.RadioSelect)

    legend = find(parse(ChoiceForm()), "legend")
    assert classes(legend) == {"govuk-fieldset__legend", "govuk-fieldset__legend--l"}
    assert text(find(legend, "h1", "govuk-fieldset__heading")) == "Which colour?"


def test_govuk_field_tag_sets_heading_and_size():
    template = Template(
        "{% load govuk_forms %}{% govuk_field form.name label_as_heading=True %}"
        "{% govuk_field form.start label_size='m' %}"
    )
    root = parse(template.render(Context({"form": EveryWidgetForm()})))
    assert find(find(root, "h1"), "label", "govuk-label--l")
    assert "govuk-fieldset__legend--m" in classes(find(root, "legend"))


def test_non_field_errors_are_shown_above_the_fields():
    class PairForm(forms.Form):
        first = forms.CharField()

        def clean(self):
            raise forms.ValidationError("Enter a correct e-mail address and password")

    root = parse(PairForm(data={"first": "x"}))
    first_group = find_all(root, "div", "govuk-form-group")[0]
    assert "govuk-form-group--error" in classes(first_group)
    assert text(first_group) == "Error: Enter a correct e-mail address and password"


def test_formset_renders_management_form_and_each_form():
    formset_class = forms.formset_factory(EveryWidgetForm, extra=2)
    root = parse(formset_class())
    assert find(root, "input", name="form-TOTAL_FORMS")
    assert find(root, "input", id="id_form-0-name")
    assert find(root, "input", id="id_form-1-start_day")


# --- Every id a description or link points at exists ---------------------------------------------


@pytest.mark.parametrize("make_form", [EveryWidgetForm, valid_form, invalid_form])
def test_every_aria_describedby_points_at_an_element_on_the_page(make_form):
    root = parse(make_form())
    page_ids = ids(root)
    described = [e for e in walk(root) if attr(e, "aria-describedby")]
    assert described
    for element in described:
        for target in attr(element, "aria-describedby").split():
            assert target in page_ids, f"{target} is not on the page"
    for label in find_all(root, "label"):
        assert attr(label, "for") in page_ids


# --- Error summary -------------------------------------------------------------------------------


def test_error_summary_links_every_error_to_its_field_in_page_order():
    form = invalid_form()
    summary = parse(render_to_string("govuk/error_summary.html", {"form": form}))
    container = find(summary, "div", "govuk-error-summary")
    assert attr(container, "data-module") == "govuk-error-summary"
    assert attr(find(container, "div", role="alert"), "role") == "alert"
    assert text(find(container, "h2", "govuk-error-summary__title")) == "There is a problem"
    links = find_all(container, "a")
    hrefs = [attr(a, "href") for a in links]
    assert hrefs == [
        "#id_name",
        "#id_email",
        "#id_staff",
        "#id_ratio",
        "#id_password",
        "#id_amount",
        "#id_notes",
        "#id_summary",
        "#id_area",
        "#id_colour_0",  # radios: the first radio
        "#id_themes_0",
        "#id_agree",
        "#id_start_month",  # dates: the first box in error
        "#id_document",
    ]
    assert text(links[5]) == "Enter an amount in pounds and pence, like £1,234.56"
    assert text(links[12]) == "Start date must include a month"
    # Every link lands on an element of the rendered form.
    form_ids = ids(parse(form))
    assert {href.removeprefix("#") for href in hrefs} <= form_ids
    # The hidden field's error has nothing to link to: it is listed as text.
    items = find_all(container, "li")
    assert text(items[-1]) == "This field is required."
    assert not find_all(items[-1], "a")


def test_error_summary_is_empty_for_valid_and_unbound_forms():
    assert render_to_string("govuk/error_summary.html", {"form": EveryWidgetForm()}).strip() == ""
    form = valid_form()
    assert form.is_valid()
    assert render_to_string("govuk/error_summary.html", {"form": form}).strip() == ""


def test_error_summary_links_a_forms_own_errors_to_its_first_question():
    class SignInForm(forms.Form):
        token = forms.CharField(widget=forms.HiddenInput, required=False)
        email = forms.EmailField()
        password = forms.CharField(widget=forms.PasswordInput)

        def clean(self):
            raise forms.ValidationError("Enter a correct e-mail address and password")

    form = SignInForm(data={"email": "a@example.com", "password": "wrong"})
    summary = parse(render_to_string("govuk/error_summary.html", {"form": form}))
    link = find(summary, "a")
    assert attr(link, "href") == "#id_email"
    assert text(link) == "Enter a correct e-mail address and password"


def test_error_summary_for_several_forms_and_a_formset():
    formset_class = forms.formset_factory(ContactForm, extra=0)
    formset = formset_class(
        data={
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-contact_by": "email",
            "contacts-1-contact_by": "fax",
        },
        prefix="contacts",
    )
    other = ContactForm(data={"other-contact_by": "phone"}, prefix="other")
    template = Template('{% include "govuk/error_summary.html" with form=forms %}')
    root = parse(template.render(Context({"forms": [other, formset]})))
    assert [attr(a, "href") for a in find_all(root, "a")] == [
        "#id_other-phone",
        "#id_contacts-0-email",
        "#id_contacts-1-contact_by_0",
    ]


def test_django_auth_forms_render_in_gov_uk_style():
    form = auth_forms.AuthenticationForm()
    root = parse(form)
    username = find(root, "input", id="id_username")
    assert "govuk-input" in classes(username)
    assert attr(username, "autofocus") is None  # it would skip the page for screen readers
    assert find(root, "div", "govuk-password-input")
    form = auth_forms.SetPasswordForm(user=None, data={"new_password1": "a", "new_password2": "b"})
    assert not form.is_valid()
    root = parse(form)
    assert find_all(root, "div", "govuk-form-group--error")
    assert "id_new_password2-error" in ids(root)


def test_an_error_list_drawn_on_its_own_is_gov_uk_error_messages():
    form = invalid_form()
    root = parse(form["email"].errors)
    message = find(root, "p", "govuk-error-message")
    assert attr(message, "id") == "id_email-error"
    assert text(message) == "Error: This field is required."
    assert attr(find(parse(form["email"]), "input"), "aria-describedby") == "id_email-error"


def test_an_unknown_widget_is_labelled_and_described():
    class WhenForm(forms.Form):
        when = forms.SplitDateTimeField(label="When", help_text="Date and time")

    root = group(WhenForm(data={})["when"])
    fieldset = find(root, "fieldset")
    assert text(find(fieldset, "legend")) == "When"
    assert attr(fieldset, "aria-describedby") == "id_when-hint id_when-error"
    assert len(find_all(fieldset, "input")) == 2


def test_money_and_date_fields_replace_model_form_fields():
    from django.db import models

    amount = models.DecimalField("Amount", max_digits=14, decimal_places=2).formfield(
        form_class=MoneyField
    )
    start = models.DateField("start date", blank=True, null=True).formfield(
        form_class=GovukDateField
    )
    assert isinstance(amount, MoneyField)
    assert amount.clean("£1,234.56") == Decimal("1234.56")
    assert isinstance(start, GovukDateField)
    with pytest.raises(forms.ValidationError) as error:
        start.clean(["1", "", "2025"])
    assert error.value.messages == ["Start date must include a month"]
    assert start.clean(["", "", ""]) is None


class _RevealedChoices(ConditionalRevealMixin, forms.Form):
    conditional_reveal = {"fenced": {True: ["categories"]}}
    fenced = forms.BooleanField(label="Ring-fenced", required=False)
    categories: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, **kwargs):
        from commissioning.organisations.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Organisation.objects.all()


@pytest.mark.django_db
def test_a_required_multiple_choice_revealed_by_a_checkbox_must_be_answered():
    form = _RevealedChoices(data={"fenced": "on"})
    assert not form.is_valid()
    assert "categories" in form.errors
    assert _RevealedChoices(data={}).is_valid()


@pytest.mark.django_db
def test_a_single_checkbox_that_reveals_fields_controls_them():
    html = str(_RevealedChoices()["fenced"].as_field_group())
    controls = re.search(r'data-aria-controls="([^"]+)"', html)
    assert controls is not None
    assert f'id="{controls[1]}"' in html


def test_help_text_typed_by_people_is_escaped_but_developers_may_mark_html():
    from django.utils.html import format_html

    class Hints(forms.Form):
        typed = forms.CharField(
            help_text='<meta http-equiv="refresh" content="0;url=https://evil.example/">'
        )
        marked = forms.CharField(help_text=format_html("See <a href='{}'>the guide</a>", "/guide/"))
        ticked = forms.BooleanField(required=False, help_text="<b>bold</b>")

    html = str(Hints().as_div())
    assert "<meta" not in html
    assert "&lt;meta" in html
    assert "<a href='/guide/'>the guide</a>" in html or '<a href="/guide/">the guide</a>' in html
    assert "<b>bold</b>" not in html
