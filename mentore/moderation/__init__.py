"""Moderation of the communities: flags, review queues, actions on the page, the log."""
