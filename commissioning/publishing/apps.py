from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "commissioning.publishing"
    label = "publishing"
    verbose_name = "Publishing"
