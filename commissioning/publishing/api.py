"""The public, anonymous API (/api/public/): published records only, read-only.

Open data: no authentication classes (so neither sessions nor CSRF ever apply), any
origin may read it with GET (CORS, see settings), lists are paginated by page number.
Every queryset starts from a public policy, as the transparency pages do. Amounts are
decimal strings ("8683.75"), never floats.

The endpoints are described by their own OpenAPI schema at /api/public/schema/ and are
left out of the staff schema at /api/schema/ (:class:`PublicAutoSchema`).
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from commissioning.budgets.api import (
    CostSerializer,
    FinancialYearField,
    FootnoteSerializer,
    FrameworkBudgetSerializer,
    OrganisationRefSerializer,
    money,
)
from commissioning.budgets.models import (
    BudgetCategory,
    Framework,
    FundingSource,
    ServiceLine,
)
from commissioning.budgets.selectors import framework_totals
from commissioning.budgets.spreadsheets.values import format_reach
from commissioning.consultations.models import Consultation
from commissioning.consultations.outcomes import published_groups
from commissioning.core.api import PolicyAPIMixin
from commissioning.core.permissions import PUBLIC
from commissioning.decisions.models import Decision
from commissioning.documents.models import Document

from .policies import public_decisions, public_frameworks, public_outcomes
from .selectors import is_public_consultation, is_public_framework
from .tables import years_of

# --- Plumbing ------------------------------------------------------------------------


class PublicAutoSchema(AutoSchema):
    """Described only in the public schema: the staff schema stays as it was."""

    def is_excluded(self) -> bool:
        return not getattr(self.view, "in_public_schema", False) or super().is_excluded()


class PublicSchemaGenerator(SchemaGenerator):
    def create_view(self, callback: Any, method: Any, request: Any = None) -> Any:
        view = super().create_view(callback, method, request)
        view.in_public_schema = True
        return view


class PublicPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


# Every list may be narrowed to one policing area; the schema must say so, or API users
# never learn the filter exists.
AREA_PARAMETER = OpenApiParameter(
    "area",
    str,
    description="Only records of this policing area (its slug, for example llr).",
    required=False,
)
by_area = extend_schema_view(list=extend_schema(parameters=[AREA_PARAMETER]))


def filter_by_area(queryset: "QuerySet[Any]", request: Any) -> "QuerySet[Any]":
    area = request.query_params.get("area")
    return queryset.filter(area__slug=area) if area else queryset


class PublicAPIMixin(PolicyAPIMixin):
    """Anyone may read; nobody is authenticated (so no session, no CSRF). JSON only: the
    browsable API's HTML pages are not GOV.UK pages, are not checked for accessibility,
    and would be readable cross-origin like the data."""

    permission_classes: Any = [AllowAny]
    authentication_classes: Any = []
    renderer_classes: Any = [JSONRenderer]
    pagination_class: Any = PublicPagination
    schema: Any = PublicAutoSchema()


# --- Serializers ---------------------------------------------------------------------


class PublicDocumentSerializer(serializers.ModelSerializer[Document]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["title", "kind", "original_name", "content_type", "size", "url"]

    def get_url(self, document: Document) -> str:
        request = self.context.get("request")
        path = document.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class PublicCategorySerializer(serializers.ModelSerializer[BudgetCategory]):
    priorities: Any = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = BudgetCategory
        fields = ["id", "identity", "name", "order", "priorities"]


class PublicFundingSourceSerializer(serializers.ModelSerializer[FundingSource]):
    year = FinancialYearField()
    amount = money()
    ring_fenced_categories: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = FundingSource
        fields = ["id", "year", "name", "kind", "amount", "is_ring_fenced",
                  "ring_fenced_categories"]  # fmt: skip


class PublicFrameworkSerializer(serializers.ModelSerializer[Framework]):
    area: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    first_year = FinancialYearField()
    last_year = FinancialYearField()
    based_on = serializers.SerializerMethodField(help_text="The public version it refreshed.")

    class Meta:
        model = Framework
        fields = ["id", "area", "title", "first_year", "last_year", "status", "version",
                  "based_on", "published_at"]  # fmt: skip

    def get_based_on(self, framework: Framework) -> int | None:
        earlier = framework.based_on if framework.based_on_id else None
        return earlier.pk if earlier is not None and is_public_framework(earlier) else None


class CategoryAmountSerializer(serializers.Serializer[Any]):
    category = serializers.IntegerField()
    name = serializers.CharField()
    amount = money()


class YearTotalsSerializer(serializers.Serializer[Any]):
    year = serializers.CharField()
    categories = CategoryAmountSerializer(many=True)
    grand_total = money()
    stated_budget = money(allow_null=True)


class PublicFrameworkDetailSerializer(PublicFrameworkSerializer):
    budgets = FrameworkBudgetSerializer(many=True)
    categories = PublicCategorySerializer(many=True)
    funding_sources = PublicFundingSourceSerializer(many=True)
    footnotes = FootnoteSerializer(many=True)
    documents = PublicDocumentSerializer(many=True)
    totals = serializers.SerializerMethodField()

    class Meta(PublicFrameworkSerializer.Meta):
        fields = [*PublicFrameworkSerializer.Meta.fields, "budgets", "categories",
                  "funding_sources", "footnotes", "documents", "totals"]  # fmt: skip

    @extend_schema_field(YearTotalsSerializer(many=True))
    def get_totals(self, framework: Framework) -> list[dict[str, Any]]:
        """Totals by category for each year: exact sums of the lines' costs."""
        result = []
        for year in years_of(framework):
            totals = framework_totals(framework=framework, year=year)
            result.append(
                {
                    "year": str(year),
                    "categories": [
                        {
                            "category": t.category.pk,
                            "name": t.category.name,
                            "amount": f"{t.amount:.2f}",
                        }
                        for t in totals.categories
                    ],
                    "grand_total": f"{totals.grand_total:.2f}",
                    "stated_budget": (
                        f"{totals.stated_budget:.2f}" if totals.stated_budget is not None else None
                    ),
                }
            )
        return result


class CategoryRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PublicLineSerializer(serializers.ModelSerializer[ServiceLine]):
    category = CategoryRefSerializer()
    organisation = OrganisationRefSerializer(allow_null=True)
    costs = CostSerializer(many=True)
    reach = serializers.SerializerMethodField()
    footnote: Any = serializers.SlugRelatedField(slug_field="marker", read_only=True)

    class Meta:
        model = ServiceLine
        fields = ["id", "identity", "category", "order", "name", "organisation",
                  "organisation_text", "provision", "costs", "reach", "mechanism",
                  "contract_end_date", "footnote"]  # fmt: skip

    @extend_schema_field(
        {"type": "object", "properties": {
            "scope": {"type": "string"},
            "text": {"type": "string", "example": "Leicestershire and Rutland"},
            "sub_areas": {"type": "array", "items": {"type": "string"}},
            "group": {"type": "string", "nullable": True},
            "partial": {"type": "boolean"},
        }}
    )  # fmt: skip
    def get_reach(self, line: ServiceLine) -> dict[str, Any]:
        return {
            "scope": line.reach_scope,
            "text": format_reach(line, line.framework.area),
            "sub_areas": [s.name for s in line.reach_sub_areas.all()],
            "group": line.reach_group.name if line.reach_group else None,
            "partial": line.reach_partial,
        }


class PublicDecisionSerializer(serializers.ModelSerializer[Decision]):
    area: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    framework = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    documents = PublicDocumentSerializer(many=True)

    class Meta:
        model = Decision
        fields = ["id", "area", "reference", "title", "decision", "reasons",
                  "financial_implications", "legal_implications", "decided_on", "decided_by",
                  "significant_public_interest", "framework", "consultation", "signed_at",
                  "published_at", "documents"]  # fmt: skip

    def get_framework(self, decision: Decision) -> int | None:
        """The framework decided on, if it is public."""
        framework = decision.framework if decision.framework_id else None
        return framework.pk if framework is not None and is_public_framework(framework) else None

    def get_consultation(self, decision: Decision) -> str | None:
        """The consultation decided on (its slug), if it has opened."""
        consultation = decision.consultation if decision.consultation_id else None
        if consultation is not None and is_public_consultation(consultation):
            return consultation.slug
        return None


class OutcomeRowSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    theme = serializers.CharField()
    comment = serializers.CharField(help_text="What was said (redacted where it was).")
    attribution = serializers.CharField(help_text="Who said it, if they agreed to be named.")
    response = serializers.CharField(help_text="What the office did.")
    outcome = serializers.CharField()


class PublicOutcomeSerializer(serializers.ModelSerializer[Consultation]):
    area: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    framework = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = ["slug", "area", "title", "opens_at", "closes_at", "outcome_published_at",
                  "framework"]  # fmt: skip

    def get_framework(self, consultation: Consultation) -> int | None:
        framework = consultation.framework if consultation.framework_id else None
        return framework.pk if framework is not None and is_public_framework(framework) else None


class PublicOutcomeDetailSerializer(PublicOutcomeSerializer):
    rows = serializers.SerializerMethodField()

    class Meta(PublicOutcomeSerializer.Meta):
        fields = [*PublicOutcomeSerializer.Meta.fields, "rows"]

    @extend_schema_field(OutcomeRowSerializer(many=True))
    def get_rows(self, consultation: Consultation) -> list[dict[str, Any]]:
        """The published "you said, we did" table: consented comments with a published
        response, numbered as on the outcome page."""
        rows = []
        for group in published_groups(consultation):
            for row in group.rows:
                office_response = row.office_response
                rows.append(
                    {
                        "number": row.number,
                        "theme": group.theme.name if group.theme else "",
                        "comment": row.comment.published_text,
                        "attribution": row.attribution,
                        "response": office_response.text if office_response else "",
                        "outcome": office_response.outcome if office_response else "",
                    }
                )
        return rows


# --- Views ---------------------------------------------------------------------------


@by_area
class PublicFrameworkViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet[Framework]):
    """Published commissioning frameworks (and the versions they superseded)."""

    policy = public_frameworks

    def get_queryset(self) -> "QuerySet[Framework]":
        queryset = (
            self.base_queryset()
            .select_related("area", "based_on")
            .order_by("area__name", "-first_year", "-version", "-pk")
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "budgets",
                "footnotes",
                "categories__priorities",
                "funding_sources__ring_fenced_categories",
                Prefetch("documents", queryset=Document.objects.order_by("order", "title", "pk")),
            )
        return filter_by_area(queryset, self.request)

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Framework]]:
        if self.action == "retrieve":
            return PublicFrameworkDetailSerializer
        return PublicFrameworkSerializer


class PublicLineList(PublicAPIMixin, generics.ListAPIView[ServiceLine]):
    """The service lines of a published framework, with their cost in each year."""

    policy = public_frameworks
    serializer_class = PublicLineSerializer

    def get_queryset(self) -> "QuerySet[ServiceLine]":
        if not self.base_queryset().filter(pk=self.kwargs["pk"]).exists():
            raise Http404
        return (
            ServiceLine.objects.filter(framework_id=self.kwargs["pk"])
            .select_related(
                "category", "organisation", "reach_group", "footnote", "framework__area"
            )
            .prefetch_related("reach_sub_areas", "costs")
            .order_by("category__order", "category__name", "order", "pk")
        )


@by_area
class PublicDecisionViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet[Decision]):
    """Published decision records."""

    policy = public_decisions
    serializer_class = PublicDecisionSerializer

    def get_queryset(self) -> "QuerySet[Decision]":
        queryset = (
            self.base_queryset()
            .select_related("area", "framework", "consultation")
            .prefetch_related(
                Prefetch("documents", queryset=Document.objects.order_by("order", "title", "pk"))
            )
            .order_by("area__name", "-decided_on", "-reference")
        )
        return filter_by_area(queryset, self.request)


@by_area
class PublicOutcomeViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet[Consultation]):
    """Consultations whose "you said, we did" outcome is published."""

    policy = public_outcomes
    lookup_field = "slug"

    def get_queryset(self) -> "QuerySet[Consultation]":
        queryset = (
            self.base_queryset()
            .select_related("area", "framework")
            .order_by("area__name", "-outcome_published_at", "slug")
        )
        return filter_by_area(queryset, self.request)

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Consultation]]:
        if self.action == "retrieve":
            return PublicOutcomeDetailSerializer
        return PublicOutcomeSerializer


class PublicSchemaView(PolicyAPIMixin, SpectacularAPIView):
    """The OpenAPI 3 description of the public API only."""

    policy = PUBLIC
    permission_classes = [AllowAny]
    authentication_classes: Any = []
    generator_class = PublicSchemaGenerator
    urlconf = "commissioning.publishing.api_schema_urls"
    schema: Any = PublicAutoSchema()
    custom_settings = {
        "TITLE": "PCC Commissioning public API",
        "DESCRIPTION": (
            "Open data: published commissioning frameworks, their service lines and "
            "totals, decision records and consultation outcomes. Read-only, no "
            "authentication, any origin."
        ),
        "VERSION": "1",
    }
