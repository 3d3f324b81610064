"""Template helpers for GOV.UK markup that every template may use (loaded as a builtin)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, page_number: int) -> str:
    """The current URL with its page number changed, other query parameters kept
    (for GOV.UK pagination on filtered lists)."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return f"?{query.urlencode()}"


@register.simple_tag
def govuk_page_items(page: Page, on_each_side: int = 1, on_ends: int = 1) -> list[dict[str, Any]]:
    """The numbered items of GOV.UK pagination: the first and last pages, the pages
    either side of the current one, and an ellipsis for each gap."""
    paginator = page.paginator
    return [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "current": number == page.number}
        for number in paginator.get_elided_page_range(
            page.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]


@register.filter
def govuk_cell(value: Any) -> Mapping[str, Any]:
    """A table cell as a dict: plain values become {"text": value}."""
    if isinstance(value, Mapping):
        return value
    return {"text": value}


@register.filter
def govuk_link(item: Any) -> Mapping[str, Any]:
    """A link as a dict: a (text, href) pair becomes {"text": text, "href": href}."""
    if isinstance(item, Mapping):
        return item
    text, href = item
    return {"text": text, "href": href}


@register.filter
def govuk_any(items: Iterable[Any], key: str) -> bool:
    """Whether any of the items (dicts or objects) has a truthy ``key``."""
    for item in items or ():
        value = item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)
        if value:
            return True
    return False


@register.filter
def markdown(text: str) -> str:
    """Render officer-written Markdown as sanitised GOV.UK HTML: {{ section.body|markdown }}"""
    from commissioning.core.markdown import render_markdown

    return render_markdown(text)


@register.filter
def squash(text: str) -> str:
    """Collapse runs of whitespace (template formatting inside a <title>) to one space."""
    return " ".join(str(text).split())
