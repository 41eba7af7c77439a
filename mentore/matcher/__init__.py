"""The matcher: embeddings, explainable features and rankers (no Flask, no Neo4j)."""
