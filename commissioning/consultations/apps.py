from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "commissioning.consultations"
    label = "consultations"
    verbose_name = "Consultations"

    def ready(self) -> None:
        from . import dashboard  # noqa: F401 - registers the dashboard panel
