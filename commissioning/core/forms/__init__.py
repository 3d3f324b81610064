"""GOV.UK Design System forms: the renderer (settings.FORM_RENDERER) and the fields,
widgets and mixin for patterns Django has no equivalent for. See docs/forms.md."""

from .boundfield import GovukBoundField
from .fields import GovukDateField, MoneyField
from .mixins import ConditionalRevealMixin
from .renderer import GovukFormRenderer
from .widgets import (
    CharacterCountTextarea,
    DateInputWidget,
    GovukCheckboxSelectMultiple,
    GovukRadioSelect,
    MoneyInput,
)

__all__ = [
    "CharacterCountTextarea",
    "ConditionalRevealMixin",
    "DateInputWidget",
    "GovukBoundField",
    "GovukCheckboxSelectMultiple",
    "GovukDateField",
    "GovukFormRenderer",
    "GovukRadioSelect",
    "MoneyField",
    "MoneyInput",
]
