from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for trying the service locally. Top of the dependency tree: it imports
    every app and nothing imports it. It has no models."""

    name = "commissioning.demo"
    label = "demo"
    verbose_name = "Demo data"
