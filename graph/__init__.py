"""Mentore's Neo4j layer: driver factory, schema, repositories. No Flask in here."""

from graph.driver import DriverSettings, Graph, connect
from graph.errors import Conflict, GraphError, GraphUnavailable, NotFound

__all__ = ["Conflict", "DriverSettings", "Graph", "GraphError", "GraphUnavailable", "NotFound", "connect"]
