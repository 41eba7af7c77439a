"""The graph layer's own exceptions: driver errors are translated at the repository edge."""


class GraphError(Exception):
    """Base class of the graph layer's errors."""


class GraphUnavailable(GraphError):
    """Neo4j cannot be reached or refuses us: the caller should answer 503 and retry later."""


class NotFound(GraphError):
    """The node asked for does not exist."""


class Conflict(GraphError):
    """A uniqueness rule refused the write (an e-mail or codice fiscale already in use)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class IndexUnavailable(GraphError):
    """A search index (vector or full-text) is missing, still populating, or refused the query."""
