"""The newsletter: double opt-in subscribers, digests, exactly-once delivery, bounces."""
