"""Template helpers for GOV.UK markup that every template may use (loaded as a builtin)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, page_number: int) -> str:
    """The current URL with its page number changed, other query parameters kept
    (for GOV.UK pagination on filtered lists)."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return f"?{query.urlencode()}"
