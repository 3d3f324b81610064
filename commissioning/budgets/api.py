"""Read-only API for frameworks: lines, categories, sources and exact totals.

Amounts are decimal strings ("8683.75"), never floats, so nothing is lost in transit.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from commissioning.core.api import PolicyAPIMixin
from commissioning.core.years import FinancialYear

from .models import (
    BudgetCategory,
    Footnote,
    Framework,
    FrameworkBudget,
    FundingSource,
    LineFunding,
    ServiceLine,
    ServiceLineCost,
)
from .policies import framework_policy
from .spreadsheets.values import format_reach


def money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=True, **kwargs
    )


@extend_schema_field({"type": "string", "example": "2017/18"})
class FinancialYearField(serializers.Field):
    def to_representation(self, value: FinancialYear) -> str:
        return str(value)


class FrameworkBudgetSerializer(serializers.ModelSerializer[FrameworkBudget]):
    year = FinancialYearField()
    amount = money()

    class Meta:
        model = FrameworkBudget
        fields = ["year", "amount"]


class PrioritySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class CategorySerializer(serializers.ModelSerializer[BudgetCategory]):
    priorities = PrioritySerializer(many=True)

    class Meta:
        model = BudgetCategory
        fields = ["id", "identity", "name", "order", "priorities"]


class FundingSourceSerializer(serializers.ModelSerializer[FundingSource]):
    year = FinancialYearField()
    amount = money()
    ring_fenced_categories: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = FundingSource
        fields = ["id", "identity", "year", "name", "kind", "amount", "is_ring_fenced",
                  "ring_fenced_categories"]  # fmt: skip


class CostSerializer(serializers.ModelSerializer[ServiceLineCost]):
    year = FinancialYearField()
    amount = money()

    class Meta:
        model = ServiceLineCost
        fields = ["year", "amount"]


class LineFundingSerializer(serializers.ModelSerializer[LineFunding]):
    amount = money()

    class Meta:
        model = LineFunding
        fields = ["source", "amount"]


class OrganisationRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    org_id = serializers.CharField()


class ServiceLineSerializer(serializers.ModelSerializer[ServiceLine]):
    organisation = OrganisationRefSerializer(allow_null=True)
    costs = CostSerializer(many=True)
    funding = LineFundingSerializer(many=True)
    reach = serializers.SerializerMethodField()
    footnote: Any = serializers.SlugRelatedField(slug_field="marker", read_only=True)

    class Meta:
        model = ServiceLine
        fields = ["id", "identity", "category", "order", "name", "organisation",
                  "organisation_text", "provision", "costs", "funding", "reach", "mechanism",
                  "contract_end_date", "intention_code", "footnote"]  # fmt: skip

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "scope": {"type": "string"},
                "text": {"type": "string", "example": "Leicestershire and Rutland"},
                "sub_areas": {"type": "array", "items": {"type": "string"}},
                "group": {"type": "string", "nullable": True},
                "partial": {"type": "boolean"},
            },
        }
    )
    def get_reach(self, line: ServiceLine) -> dict[str, Any]:
        return {
            "scope": line.reach_scope,
            "text": format_reach(line, line.framework.area),
            "sub_areas": [s.name for s in line.reach_sub_areas.all()],
            "group": line.reach_group.name if line.reach_group else None,
            "partial": line.reach_partial,
        }


class FootnoteSerializer(serializers.ModelSerializer[Footnote]):
    class Meta:
        model = Footnote
        fields = ["marker", "text"]


class FrameworkListSerializer(serializers.ModelSerializer[Framework]):
    area: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    first_year = FinancialYearField()
    last_year = FinancialYearField()

    class Meta:
        model = Framework
        fields = ["id", "area", "title", "first_year", "last_year", "status", "version",
                  "based_on", "plan", "published_at"]  # fmt: skip


class FrameworkDetailSerializer(FrameworkListSerializer):
    budgets = FrameworkBudgetSerializer(many=True)
    categories = CategorySerializer(many=True)
    funding_sources = FundingSourceSerializer(many=True)
    lines = ServiceLineSerializer(many=True)
    footnotes = FootnoteSerializer(many=True)
    totals = serializers.SerializerMethodField()

    class Meta(FrameworkListSerializer.Meta):
        fields = [*FrameworkListSerializer.Meta.fields, "budgets", "categories",
                  "funding_sources", "lines", "footnotes", "totals"]  # fmt: skip

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "year": {"type": "string", "example": "2017/18"},
                    "categories": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "category": {"type": "integer"},
                                "amount": {"type": "string", "example": "1280775.75"},
                            },
                        },
                    },
                    "grand_total": {"type": "string", "example": "4668358.75"},
                    "stated_budget": {"type": "string", "nullable": True},
                    "difference": {"type": "string", "nullable": True},
                },
            },
        }
    )
    def get_totals(self, framework: Framework) -> list[dict[str, Any]]:
        """Computed from the lines already fetched: exact sums, no rounding."""
        stated = {budget.year: budget.amount for budget in framework.budgets.all()}
        years = [FinancialYear(y) for y in range(framework.first_year.start_year,
                                                 framework.last_year.start_year + 1)]  # fmt: skip
        result = []
        for year in years:
            per_category: dict[int, Decimal] = {
                c.pk: Decimal("0.00") for c in framework.categories.all()
            }
            for line in framework.lines.all():
                for cost in line.costs.all():
                    if cost.year == year:
                        per_category[line.category_id] += cost.amount
            grand = sum(per_category.values(), Decimal("0.00"))
            budget = stated.get(year)
            result.append(
                {
                    "year": str(year),
                    "categories": [
                        {"category": pk, "amount": f"{amount:.2f}"}
                        for pk, amount in per_category.items()
                    ],
                    "grand_total": f"{grand:.2f}",
                    "stated_budget": f"{budget:.2f}" if budget is not None else None,
                    "difference": f"{grand - budget:.2f}" if budget is not None else None,
                }
            )
        return result


class FrameworkViewSet(PolicyAPIMixin, viewsets.ReadOnlyModelViewSet[Framework]):
    """Commissioning frameworks the signed-in person may see, with their service lines."""

    policy = framework_policy

    def get_queryset(self) -> "QuerySet[Framework]":
        queryset = (
            self.base_queryset()
            .select_related("area")
            .order_by("area__name", "-first_year", "-version")
        )
        if self.action == "retrieve":
            lines = ServiceLine.objects.select_related(
                "organisation", "reach_group", "footnote", "framework__area"
            ).prefetch_related("reach_sub_areas", "costs", "funding")
            queryset = queryset.prefetch_related(
                "budgets",
                "footnotes",
                "categories__priorities",
                "funding_sources__ring_fenced_categories",
                Prefetch("lines", queryset=lines.order_by("category__order", "order", "pk")),
            )
        area = self.request.query_params.get("area")
        if area:
            queryset = queryset.filter(area__slug=area)
        return queryset

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Framework]]:
        return FrameworkDetailSerializer if self.action == "retrieve" else FrameworkListSerializer
