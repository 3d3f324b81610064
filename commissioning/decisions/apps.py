from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "commissioning.decisions"
    label = "decisions"
    verbose_name = "Decisions"
