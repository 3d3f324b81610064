from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "commissioning.demo"
    label = "demo"
    verbose_name = "Demo data"
