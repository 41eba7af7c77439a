"""The examples of each art. 5 activity and each competency, from which the matcher builds the
prototypes it proposes to a need's poster (mentore/matcher/labels.py): the stored vectors of the
organisations that carry the label and of the published needs that asked for it, the most
recently embedded first, at most ``per_label`` of each."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from graph.repositories.matching import IN_POOL

# One query per vocabulary: (label node, its organisations' relation, its needs' relation).
_EXAMPLES = """
MATCH (label:{label})
CALL (label) {{
  MATCH (label)<-[:{org_rel}]-(o:Organisation)
  WHERE o.embedding_model = $model AND {in_pool}
  WITH o ORDER BY o.embedded_at DESC, o.id LIMIT $per_label
  RETURN collect(o.id) AS organisations, collect(o.embedding) AS organisation_vectors
}}
CALL (label) {{
  MATCH (label)<-[:{need_rel}]-(n:Need)
  WHERE n.embedding_model = $model AND n.status <> 'draft'
  WITH n ORDER BY n.embedded_at DESC, n.id LIMIT $per_label
  RETURN collect(n.id) AS needs, collect(n.embedding) AS need_vectors
}}
WITH label, organisations, organisation_vectors, needs, need_vectors ORDER BY label.{key}
RETURN collect({{id: label.{key}, name: {name}, organisations: organisations,
                organisation_vectors: organisation_vectors, needs: needs, need_vectors: need_vectors}}) AS rows
"""

ACTIVITY_EXAMPLES = _EXAMPLES.format(label="Activity", org_rel="OPERATES_IN", need_rel="CONCERNS", key="code",
                                     name="label.short", in_pool=IN_POOL)
COMPETENCY_EXAMPLES = _EXAMPLES.format(label="Competency", org_rel="HAS_COMPETENCY", need_rel="REQUIRES", key="id",
                                       name="label.label", in_pool=IN_POOL)

# Changes when what the prototypes are built from may have changed: organisations' vectors
# (their revision), needs embedded or edited, the vocabularies.
LABELS_STAMP = """
OPTIONAL MATCH (v:Revision {name: 'organisation_vectors'})
// the count from the label's count, the newest times from their indexes (in order, the first):
// not a read of every need, once a minute in some request
CALL () { MATCH (n:Need) RETURN count(n) AS needs }
WITH v, needs,
     head(COLLECT { MATCH (n:Need) WHERE n.embedded_at IS NOT NULL
                    RETURN n.embedded_at AS at ORDER BY at DESC LIMIT 1 }) AS embedded,
     head(COLLECT { MATCH (n:Need) WHERE n.updated_at IS NOT NULL
                    RETURN n.updated_at AS at ORDER BY at DESC LIMIT 1 }) AS updated
CALL () { MATCH (c:Competency) RETURN count(c) AS competencies }
RETURN [v.value, needs, toString(embedded), toString(updated), competencies] AS stamp
"""


def label_examples(graph: Graph, model: str, per_label: int) -> dict[str, list[dict[str, Any]]]:
    """For "activity" and "competency", one row per label of the vocabulary, in its order:
    {id, name (the text its name vector is made of), organisations, organisation_vectors, needs,
    need_vectors} (the ids next to their vectors, in the same order)."""
    return {"activity": graph.read_collected(ACTIVITY_EXAMPLES, model=model, per_label=per_label),
            "competency": graph.read_collected(COMPETENCY_EXAMPLES, model=model, per_label=per_label)}


def labels_stamp(graph: Graph) -> list[Any]:
    return graph.read(LABELS_STAMP)[0]["stamp"]
