"""Dashboard panels. Each app registers the panels it offers (in its AppConfig.ready), so
the dashboard in core shows every domain's work without importing the apps above it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelBuilder = Callable[[HttpRequest], Panel | None]
_builders: list[PanelBuilder] = []


def register(builder: PanelBuilder) -> PanelBuilder:
    """Add a panel; the builder returns None when the person has nothing to see there."""
    if builder not in _builders:
        _builders.append(builder)
    return builder


def panels_for(request: HttpRequest) -> list[Panel]:
    panels = [panel for build in _builders if (panel := build(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
