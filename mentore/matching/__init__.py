"""Suggestions in the site: who can meet a need, who could partner, and why; the matcher's commands."""
