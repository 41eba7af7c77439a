"""Errors raised by services; the web layer turns them into 403, 404 or form messages."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class of the use cases' errors."""


class PermissionDenied(ServiceError):
    """The acting person may not do this (HTTP 403)."""


class NotFoundError(ServiceError):
    """What was asked for does not exist (HTTP 404)."""


class ValidationFailed(ServiceError):
    """Input that passed the form's shape checks but breaks a rule: field → message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
