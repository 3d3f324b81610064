from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "commissioning.organisations"
    label = "organisations"
    verbose_name = "Organisations"
