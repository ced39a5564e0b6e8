from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    """Newsletter subscribers and the digests sent to them."""

    name = "gazette.subscriptions"
    label = "subscriptions"
    verbose_name = "Newsletter"
