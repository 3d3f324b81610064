"""Markdown written by officers (framework narrative, consultation introductions),
rendered to GOV.UK-styled HTML and sanitised.

The text is converted by Python-Markdown, then cleaned by nh3 (the Rust ammonia
sanitiser) so that only a small set of tags survives: no scripts, styles, images, raw
attributes or javascript: links, whatever was typed.
"""

import re

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br",
    "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "hr",
}  # fmt: skip
# No "class": authors must not restyle a link as a button or hide text; the GOV.UK
# classes are added after cleaning.
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"scope"}}
# Headings in a narrative sit under the page's own h1 and section h2.
_CLASSES = {
    "p": "govuk-body",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "blockquote": "govuk-inset-text",
}


def _add_classes(html: str) -> str:
    for tag, classes in _CLASSES.items():
        html = re.sub(rf"<{tag}(?=[\s>])", f'<{tag} class="{classes}"', html)
    return html


def render_markdown(text: str, *, heading_offset: int = 1) -> SafeString:
    """Markdown to safe HTML. ``heading_offset`` demotes headings ("#" becomes h2) so a
    narrative never competes with the page's h1."""
    source = text or ""
    if heading_offset:
        source = re.sub(
            r"^(#{1,5})(?=\s)",
            lambda m: "#" * min(6, len(m[1]) + heading_offset),
            source,
            flags=re.MULTILINE,
        )
    html = md.markdown(source, extensions=["tables", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(_add_classes(cleaned))  # noqa: S308 - cleaned by nh3 above
