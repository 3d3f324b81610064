from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "commissioning.consultations"
    label = "consultations"
    verbose_name = "Consultations"
