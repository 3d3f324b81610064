"""The form renderer set in settings.FORM_RENDERER: every Django form, formset and field
renders in GOV.UK Design System markup, from templates in commissioning/templates so a
project template can override any of them."""

from django.forms.renderers import TemplatesSetting

from .boundfield import GovukBoundField


class GovukFormRenderer(TemplatesSetting):
    """``{{ form }}``, ``{{ formset }}`` and ``{{ form.field.as_field_group }}`` in GOV.UK
    markup. Templates come from the project's TEMPLATES setting (TemplatesSetting), so
    the govuk builtins are available and django/forms/ templates can be overridden."""

    form_template_name = "govuk/forms/form.html"
    formset_template_name = "govuk/forms/formset.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField
