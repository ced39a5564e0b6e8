from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "gazette.discovery"
    label = "discovery"
    verbose_name = "Discovery: stories, related, popular, search"
