from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "commissioning.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        # budgets sits below decisions and must not import it: decisions registers its
        # rule for publishing a framework (a signed decision record), and publishes its
        # signed records with the framework.
        from commissioning.budgets import services as budgets

        from . import dashboard  # noqa: F401 - registers the dashboard panel
        from .services import framework_publish_requirement, publish_framework_decisions

        if framework_publish_requirement not in budgets.PUBLISH_REQUIREMENTS:
            budgets.PUBLISH_REQUIREMENTS.append(framework_publish_requirement)
        if publish_framework_decisions not in budgets.ON_PUBLISH:
            budgets.ON_PUBLISH.append(publish_framework_decisions)
