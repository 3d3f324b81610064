"""Reading and writing the cell values of a service-line table: geographical reach,
funding mechanism, dates. Each reader raises ``CellError`` with a message fit to show."""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup

from ..models import Mechanism, ReachScope, ServiceLine


class CellError(ValueError):
    pass


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# Words that may be left off a place's name: "Leicester" for "Leicester City".
_PLACE_NOISE = re.compile(r"\b(city|county|borough|district|council|of)\b")


def _place_key(text: str) -> str:
    return re.sub(r"\s+", " ", _PLACE_NOISE.sub(" ", _key(text))).strip()


@dataclass
class Reach:
    scope: str = ReachScope.AREA
    sub_areas: list[SubArea] = field(default_factory=list)
    group: SubAreaGroup | None = None
    partial: bool = False


class Places:
    """The names a reach cell may use in one policing area, looked up without regard to
    case or to words such as "City" and "Borough"."""

    def __init__(self, area: PolicingArea) -> None:
        self.area = area
        self.whole = {_key(area.name), _key(area.short_name), "whole area", "all", "area wide"}
        self.sub_areas: dict[str, SubArea] = {}
        for sub_area in area.sub_areas.all():
            self.sub_areas.setdefault(_key(sub_area.name), sub_area)
            self.sub_areas.setdefault(_place_key(sub_area.name), sub_area)
        self.groups = {_key(group.name): group for group in area.groups.all()}

    def _sub_area(self, text: str) -> SubArea | None:
        return self.sub_areas.get(_key(text)) or self.sub_areas.get(_place_key(text))

    def suggestions(self, text: str) -> list[str]:
        names = sorted(
            {s.name for s in self.sub_areas.values()} | {g.name for g in self.groups.values()}
        )
        return difflib.get_close_matches(text, names, n=3, cutoff=0.6)

    def read(self, text: str) -> Reach:
        cleaned = text.strip()
        if not cleaned or _key(cleaned) in self.whole:
            return Reach()
        partial = False
        match = re.match(r"^(sub|part of)\s*[-–:]?\s*(?P<rest>.+)$", cleaned, re.IGNORECASE)
        if match:
            partial, cleaned = True, match["rest"].strip()
            if _key(cleaned) in self.whole:
                return Reach(partial=True)
        group = self.groups.get(_key(cleaned))
        if group is not None:
            return Reach(scope=ReachScope.GROUP, group=group, partial=partial)
        single = self._sub_area(cleaned)
        if single is not None:
            return Reach(scope=ReachScope.SUB_AREAS, sub_areas=[single], partial=partial)
        parts = [
            p for p in re.split(r"\s*(?:,|;|\+|\band\b|&)\s*", cleaned, flags=re.IGNORECASE) if p
        ]
        found = [self._sub_area(part) for part in parts]
        if len(parts) > 1 and all(found):
            return Reach(
                scope=ReachScope.SUB_AREAS, sub_areas=[s for s in found if s], partial=partial
            )
        unknown = next((p for p, s in zip(parts, found, strict=True) if s is None), cleaned)
        message = _('"%(place)s" is not a sub-area or group of %(area)s') % {
            "place": unknown,
            "area": self.area.short_name or self.area.name,
        }
        suggestions = self.suggestions(unknown)
        if suggestions:
            message += " " + _("(did you mean %(names)s?)") % {"names": _(" or ").join(suggestions)}
        raise CellError(message)


def format_reach(line: ServiceLine, area: PolicingArea) -> str:
    if line.reach_scope == ReachScope.GROUP and line.reach_group is not None:
        text = line.reach_group.name
    elif line.reach_scope == ReachScope.SUB_AREAS:
        text = ", ".join(s.name for s in sorted(line.reach_sub_areas.all(), key=lambda s: s.name))
    else:
        text = area.short_name or area.name
    return f"Sub - {text}" if line.reach_partial else text


_MECHANISMS = {
    "direct": Mechanism.DIRECT,
    "direct procurement": Mechanism.DIRECT,
    "procurement": Mechanism.DIRECT,
    "co commissioning": Mechanism.CO_COMMISSIONING,
    "cocommissioning": Mechanism.CO_COMMISSIONING,
    "partnership": Mechanism.PARTNERSHIP,
    "partnership place based": Mechanism.PARTNERSHIP,
    "partnership place based funding": Mechanism.PARTNERSHIP,
    "place based": Mechanism.PARTNERSHIP,
    "partnership locality fund": Mechanism.PARTNERSHIP,
    "plf": Mechanism.PARTNERSHIP,
    "grant": Mechanism.GRANT,
    "grants": Mechanism.GRANT,
    "commissioner s grant": Mechanism.GRANT,
    "pcc grant": Mechanism.GRANT,
}


def read_mechanism(text: str) -> str:
    if not text.strip():
        return Mechanism.DIRECT
    found = _MECHANISMS.get(_key(text))
    if found is None:
        raise CellError(
            _(
                "Enter a funding mechanism: direct, co-commissioning, "
                "partnership place-based or grant"
            )
        )
    return found


def format_mechanism(value: str) -> str:
    return str(Mechanism(value).label)


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%d/%m/%y")


def read_date(text: str) -> date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip())
    if not cleaned:
        return None
    cleaned = cleaned.split(" 00:00:00")[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()  # noqa: DTZ007 - a date, not a time
        except ValueError:
            continue
    raise CellError(_("Enter a real date, like 30/09/2017"))
