"""Use cases: plain functions taking the graph (or repositories) and the acting user. No Flask."""
