"""Readers' comments: threads, moderation policy, spam defence, the moderators' classifier."""
