"""Repositories: Cypher as named constants, small typed functions returning frozen dataclasses."""
