"""Organisations and the public directory of actors."""
