"""Public pages: home, about, language switch, health check."""
