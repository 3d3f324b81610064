"""Charity and company numbers, and the org-id (https://org-id.guide) derived from them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ENGLAND_WALES_CHARITY = re.compile(r"^\d{6,8}$")
_SCOTTISH_CHARITY = re.compile(r"^SC\d{6}$")
_NORTHERN_IRISH_CHARITY = re.compile(r"^(NIC)?\d{6}$")
_COMPANY = re.compile(r"^([A-Z]{2}\d{6}|\d{8})$")


def normalise_charity_number(value: str) -> str:
    """Upper-case, without spaces. Raises ValidationError for a number of no known form."""
    cleaned = re.sub(r"\s+", "", value or "").upper()
    if not cleaned:
        return ""
    if _ENGLAND_WALES_CHARITY.match(cleaned) or _SCOTTISH_CHARITY.match(cleaned):
        return cleaned
    if cleaned.startswith("NIC") and _NORTHERN_IRISH_CHARITY.match(cleaned):
        return cleaned
    raise ValidationError(
        _(
            "Enter a charity number in the right format, like 1234567 (England and Wales), "
            "SC012345 (Scotland) or NIC100001 (Northern Ireland)"
        ),
        code="invalid_charity_number",
    )


def normalise_company_number(value: str) -> str:
    """Companies House numbers are eight characters; a shorter all-digit one is zero-padded."""
    cleaned = re.sub(r"\s+", "", value or "").upper()
    if not cleaned:
        return ""
    if cleaned.isdigit() and len(cleaned) < 8:
        cleaned = cleaned.zfill(8)
    if not _COMPANY.match(cleaned):
        raise ValidationError(
            _("Enter a company number in the right format, like 01234567 or SC123456"),
            code="invalid_company_number",
        )
    return cleaned


def org_id_for(*, charity_number: str, company_number: str) -> str:
    """A registered charity is identified by its charity number in preference to its
    company number, as 360Giving recommends; an organisation with neither has none."""
    if charity_number:
        if charity_number.startswith("SC"):
            return f"GB-SC-{charity_number}"
        if charity_number.startswith("NIC"):
            return f"GB-NIC-{charity_number[3:]}"
        return f"GB-CHC-{charity_number}"
    if company_number:
        return f"GB-COH-{company_number}"
    return ""


_ORG_ID = re.compile(r"^GB-(CHC|SC|NIC|COH)-([A-Z0-9]+)$")
# Words that name a legal form rather than the organisation, so "Example Trust Ltd" and
# "The Example Trust" are recognised as the same name.
_LEGAL_FORMS = (
    "community interest company",
    "limited",
    "ltd",
    "cic",
    "cio",
    "plc",
    "llp",
)


def normalise_name(value: str) -> str:
    """A key for spotting the same organisation entered twice: case, punctuation, "&",
    a leading "The" and a trailing legal form are ignored."""
    text = (value or "").lower().replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    changed = True
    while changed:
        changed = False
        for form in _LEGAL_FORMS:
            if text.endswith(f" {form}"):
                text = text[: -len(form) - 1].strip()
                changed = True
    return text


def identifier_search_terms(query: str) -> tuple[set[str], set[str]]:
    """The charity numbers and company numbers a search might mean.

    Accepts an org-id ("GB-CHC-1234567", "GB-COH-01234567"), or a bare number in any
    spacing; a bare number may be either kind, so both are tried.
    """
    cleaned = re.sub(r"\s+", "", query or "").upper()
    charities: set[str] = set()
    companies: set[str] = set()
    if not cleaned:
        return charities, companies
    match = _ORG_ID.match(cleaned)
    if match:
        scheme, number = match.groups()
        if scheme == "COH":
            companies.add(number.zfill(8) if number.isdigit() else number)
        elif scheme == "NIC":
            charities.add(number if number.startswith("NIC") else f"NIC{number}")
        else:
            charities.add(number)
        return charities, companies
    if re.fullmatch(r"[A-Z]{0,3}\d{5,8}", cleaned):
        charities.add(cleaned)
        companies.add(cleaned.zfill(8) if cleaned.isdigit() else cleaned)
    return charities, companies
