from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "commissioning.budgets"
    label = "budgets"
    verbose_name = "Commissioning Frameworks"

    def ready(self) -> None:
        from . import dashboard  # noqa: F401 - registers the dashboard panel
