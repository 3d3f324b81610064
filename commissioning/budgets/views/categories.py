"""A framework's budget categories: the headings its lines are grouped under, each
mapped to the plan priorities it serves."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.lines import BudgetCategoryForm
from ..models import BudgetCategory, Framework
from ..services import category_create, category_delete, category_update
from .frameworks_base import add_service_errors
from .lines_base import FrameworkPageView, get_in_framework


class CategoryListView(FrameworkPageView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        context = self.framework_context(framework)
        context["categories"] = list(
            framework.categories.annotate(line_count=Count("lines"))
            .prefetch_related("priorities")
            .order_by("order", "name")
        )
        return render(request, "budgets/categories/list.html", context)


class _CategoryFormView(FrameworkPageView):
    template_name = "budgets/categories/form.html"

    def _render(
        self, framework: Framework, form: BudgetCategoryForm, category: BudgetCategory | None
    ) -> HttpResponse:
        context = self.framework_context(framework)
        context.update(
            {
                "form": form,
                "category": category,
                "back_url": reverse("budgets:categories", args=[framework.pk]),
            }
        )
        return render(self.request, self.template_name, context)


class CategoryAddView(_CategoryFormView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        return self._render(framework, BudgetCategoryForm(framework=framework), None)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        form = BudgetCategoryForm(request.POST, framework=framework)
        if not form.is_valid():
            return self._render(framework, form, None)
        try:
            category = category_create(
                actor=request.user,
                framework=framework,
                name=form.cleaned_data["name"],
                order=form.cleaned_data["order"],
                priorities=form.cleaned_data.get("priorities") or [],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(framework, form, None)
        messages.success(request, _("‘%(name)s’ has been added") % {"name": category.name})
        return redirect("budgets:categories", pk=framework.pk)


class CategoryEditView(_CategoryFormView):
    def _category(self, framework: Framework) -> BudgetCategory:
        queryset = BudgetCategory.objects.prefetch_related("priorities")
        category: BudgetCategory = get_in_framework(queryset, framework, self.kwargs["category_pk"])
        return category

    def get(self, request: HttpRequest, pk: int, category_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        category = self._category(framework)
        initial = {
            "name": category.name,
            "order": category.order,
            "priorities": [p.pk for p in category.priorities.all()],
        }
        form = BudgetCategoryForm(framework=framework, initial=initial)
        return self._render(framework, form, category)

    def post(self, request: HttpRequest, pk: int, category_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        category = self._category(framework)
        form = BudgetCategoryForm(request.POST, framework=framework)
        if not form.is_valid():
            return self._render(framework, form, category)
        priorities = form.cleaned_data.get("priorities") if "priorities" in form.fields else None
        try:
            category_update(
                actor=request.user,
                category=category,
                name=form.cleaned_data["name"],
                order=form.cleaned_data["order"],
                priorities=priorities,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(framework, form, category)
        messages.success(
            request, _("‘%(name)s’ has been saved") % {"name": form.cleaned_data["name"]}
        )
        return redirect("budgets:categories", pk=framework.pk)


class CategoryDeleteView(FrameworkPageView):
    template_name = "budgets/categories/confirm_delete.html"

    def get(self, request: HttpRequest, pk: int, category_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        category = get_in_framework(BudgetCategory.objects.all(), framework, category_pk)
        return self._render(framework, category, forms.Form())

    def post(self, request: HttpRequest, pk: int, category_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        category = get_in_framework(BudgetCategory.objects.all(), framework, category_pk)
        try:
            category_delete(actor=request.user, category=category)
        except ValidationError as error:
            form = forms.Form(request.POST)
            form.is_valid()
            form.add_error(None, error)
            return self._render(framework, category, form)
        messages.success(request, _("‘%(name)s’ has been deleted") % {"name": category.name})
        return redirect("budgets:categories", pk=framework.pk)

    def _render(
        self, framework: Framework, category: BudgetCategory, form: forms.Form
    ) -> HttpResponse:
        context = self.framework_context(framework)
        context.update({"category": category, "form": form, "line_count": category.lines.count()})
        return render(self.request, self.template_name, context)
