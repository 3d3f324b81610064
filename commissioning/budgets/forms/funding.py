"""Forms for funding sources and for splitting a line's cost across them."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from commissioning.core.forms import (
    ConditionalRevealMixin,
    GovukCheckboxSelectMultiple,
    GovukRadioSelect,
    MoneyField,
)
from commissioning.core.money import format_money
from commissioning.core.years import FinancialYear, year_span

from ..models import BudgetCategory, Framework, FundingSource, FundingSourceKind, ServiceLine


class FundingSourceForm(ConditionalRevealMixin, forms.Form):
    conditional_reveal = {"is_ring_fenced": {True: ["ring_fenced_categories"]}}

    year = forms.TypedChoiceField(
        label=_("Financial year"),
        coerce=int,
        widget=GovukRadioSelect(inline=True),
        error_messages={"required": _("Select the financial year")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example: Ministry of Justice victims' services grant 2017/18."),
        error_messages={"required": _("Enter the source's name")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of funding"),
        choices=FundingSourceKind.choices,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select the kind of funding")},
    )
    amount = MoneyField(
        label=_("Amount"),
        error_messages={"required": _("Enter the amount")},
    )
    is_ring_fenced = forms.BooleanField(
        label=_("Ring-fenced: it may fund only some categories"),
        required=False,
        # GOV.UK Frontend reveals the categories only for an input that names them; the
        # renderer does not add this to a single checkbox yet.
        widget=forms.CheckboxInput(attrs={"data-aria-controls": "conditional-id_is_ring_fenced"}),
    )
    ring_fenced_categories = forms.ModelMultipleChoiceField(
        label=_("Categories it may fund"),
        queryset=BudgetCategory.objects.none(),
        widget=GovukCheckboxSelectMultiple(small=True),
        error_messages={"required": _("Select the categories a ring-fenced source may fund")},
    )

    def __init__(
        self,
        *args: Any,
        framework: Framework,
        source: FundingSource | None = None,
        **kwargs: Any,
    ) -> None:
        if source is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "year": source.year.start_year,
                "name": source.name,
                "kind": source.kind,
                "amount": source.amount,
                "is_ring_fenced": source.is_ring_fenced,
                "ring_fenced_categories": [c.pk for c in source.ring_fenced_categories.all()],
            }
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)  # noqa: S101 - for the type checker
        year.choices = [
            (y.start_year, str(y)) for y in year_span(framework.first_year, framework.last_year)
        ]
        categories = self.fields["ring_fenced_categories"]
        assert isinstance(categories, forms.ModelMultipleChoiceField)  # noqa: S101
        categories.queryset = framework.categories.order_by("order", "name")

    def source_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "year": FinancialYear(data["year"]),
            "name": data["name"],
            "kind": data["kind"],
            "amount": data["amount"],
            "is_ring_fenced": data["is_ring_fenced"],
            "ring_fenced_categories": list(data["ring_fenced_categories"] or []),
        }


def split_field_name(source: FundingSource) -> str:
    return f"source_{source.pk}"


class LineFundingForm(forms.Form):
    """How much of the line's cost each source meets: one box per source, by year.

    ``sources`` are the framework's sources with their categories prefetched and a
    ``committed`` total (see ``selectors.funding_commitments``)."""

    def __init__(
        self,
        *args: Any,
        line: ServiceLine,
        sources: list[FundingSource],
        current: dict[int, Decimal],
        committed: dict[int, Decimal],
        unit: str,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {f"source_{pk}": amount for pk, amount in current.items()},  # split_field_name
        )
        super().__init__(*args, **kwargs)
        self.line = line
        self.sources = sources
        for source in sources:
            ring_fence = ""
            if source.is_ring_fenced:
                allowed = ", ".join(c.name for c in source.ring_fenced_categories.all())
                ring_fence = str(_("Ring-fenced to %(categories)s.")) % {"categories": allowed}
            others = committed.get(source.pk, Decimal(0)) - current.get(source.pk, Decimal(0))
            left = source.amount - others
            available = str(_("%(left)s of %(amount)s available.")) % {
                "left": format_money(left, unit),
                "amount": format_money(source.amount, unit),
            }
            self.fields[split_field_name(source)] = MoneyField(
                label=source.name,
                required=False,
                # Help text is not escaped when rendered, and names are people's input.
                help_text=escape(f"{ring_fence} {available}".strip()),
            )

    def by_year(self) -> list[tuple[FinancialYear, list[forms.BoundField]]]:
        """The boxes grouped by the sources' years, for one fieldset per year."""
        groups: dict[FinancialYear, list[forms.BoundField]] = {}
        for source in self.sources:
            groups.setdefault(source.year, []).append(self[split_field_name(source)])
        return sorted(groups.items())

    def splits(self) -> dict[FundingSource, Decimal]:
        result = {}
        for source in self.sources:
            amount = self.cleaned_data.get(split_field_name(source))
            if amount:
                result[source] = amount
        return result
