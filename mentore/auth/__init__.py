"""Accounts: sign-up, login, password reset, API tokens, personal data (GDPR)."""
