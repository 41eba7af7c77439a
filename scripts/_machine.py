"""What else runs on the machine while a benchmark measures. A Neo4j server left running (the
development one of `make neo4j-start`, idle) took that much from the latency benchmark that every
stage measured some 60% slower, the same-run baselines too (stop 31: a need's suggestions p50
72.8 ms without it, 118.1 ms with it): the figures say when one was there."""

from __future__ import annotations

from pathlib import Path

NEO4J_MAIN = "org.neo4j.server.CommunityEntryPoint"


def other_neo4j_servers(own: Path) -> list[str]:
    """The home folders of the Neo4j servers running here, ``own``'s left out."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = [a.decode(errors="replace") for a in (proc / "cmdline").read_bytes().split(b"\0")]
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if NEO4J_MAIN in args:
            home = next((a.split("=", 1)[1] for a in args if a.startswith("--home-dir=")), "?")
            if home == "?" or Path(home).resolve() != own.resolve():
                found.append(home)
    return sorted(found)


def warning(servers: list[str]) -> str:
    """A line for the report ("" when there are none)."""
    if not servers:
        return ""
    return (f"WARNING: {len(servers)} other Neo4j server(s) running here ({', '.join(servers)}): the figures may "
            f"be slower than on a quiet machine (`make neo4j-stop` stops the development one).")
