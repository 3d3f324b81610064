"""Internationalisation readiness: no template shows text that cannot be translated, and
dates, money and numbers are written the en-GB way."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from commissioning.core.money import format_money

TEMPLATES = Path(settings.BASE_DIR) / "commissioning" / "templates"
_TRANSLATED = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
_COMMENTS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
_TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}", re.S)
_STYLE_SCRIPT = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
_HTML = re.compile(r"<[^>]*>", re.S)
_ENTITY = re.compile(r"&[a-zA-Z#0-9]+;")
# Text that is not language: robots directives and the names of cookies.
NOT_LANGUAGE = {"index", "follow", "noindex", "nofollow", "sessionid", "csrftoken"}


def untranslated_words(source: str) -> list[str]:
    """Words a visitor would see that are outside {% translate %} / {% blocktranslate %}."""
    for pattern in (_COMMENTS, _TRANSLATED, _TEMPLATE_CODE, _STYLE_SCRIPT, _HTML, _ENTITY):
        source = pattern.sub(" ", source)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z']+", source) if w not in NOT_LANGUAGE]


def test_the_checker_finds_bare_text_and_ignores_translated_text():
    assert untranslated_words("<p>Hello {{ name }}</p>") == ["Hello"]
    assert (
        untranslated_words('<a href="{% url "x" %}" class="govuk-link">{% translate "Hi" %}</a>')
        == []
    )
    assert untranslated_words("{% blocktranslate %}Hello {{ n }}{% endblocktranslate %}") == []
    assert untranslated_words("{# a note #}<style>p { color: red }</style>") == []


def test_every_template_marks_its_text_for_translation():
    offenders = {
        str(path.relative_to(TEMPLATES)): words[:5]
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (words := untranslated_words(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_service_speaks_en_gb():
    assert settings.LANGUAGE_CODE == "en-gb"
    assert settings.USE_I18N
    with translation.override("en-gb"):
        assert formats.date_format(date(2017, 2, 3), "j F Y") == "3 February 2017"
        assert Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 4668359})) == (
            "4,668,359"
        )
    assert format_money(Decimal("4668359")) == "£4,668,359.00"
