"""The Neo4j server we provision: configuration, schema text, process bookkeeping."""

from graph import schema, server


def _instance(tmp_path, port=7999):
    return server.Instance(home=tmp_path / "home", lib=tmp_path / "lib", port=port, password="x" * 12)


def test_conf_listens_on_loopback_only_with_auth(tmp_path):
    conf = server.render_conf(_instance(tmp_path, port=7999))
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "server.bolt.listen_address=127.0.0.1:7999" in conf
    assert "server.http.enabled=false" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "0.0.0.0" not in conf


def test_prepare_refuses_a_missing_installation(tmp_path):
    try:
        server.prepare(_instance(tmp_path))
    except server.ServerError as exc:
        assert "scripts/neo4j install" in str(exc)
    else:
        raise AssertionError("prepare() accepted a lib folder without jars")


def test_a_stale_pid_file_does_not_count_as_running(tmp_path):
    inst = _instance(tmp_path)
    inst.pid_file.parent.mkdir(parents=True)
    inst.pid_file.write_text("999999999\n")
    assert server.running_pid(inst) is None
    assert not inst.pid_file.exists()


def test_a_pid_reused_by_another_program_does_not_count_as_running(tmp_path):
    import os

    inst = _instance(tmp_path)
    inst.pid_file.parent.mkdir(parents=True)
    inst.pid_file.write_text(f"{os.getpid()}\n")  # this pytest process, not a Neo4j server
    assert server.running_pid(inst) is None


def test_schema_statements_are_idempotent_and_complete():
    stmts = schema.statements()
    assert stmts, "schema.cypher is empty"
    assert all("IF NOT EXISTS" in s for s in stmts)
    text = " ".join(stmts)
    assert "fulltext.analyzer`: 'italian'" in text
    assert "`vector.dimensions`: 512" in text
    for key in ("Organisation", "Person", "Need", "Territory", "Community", "Partnership"):
        assert f"(n:{key}) REQUIRE n.id IS UNIQUE" in text


def test_schema_parser_ignores_comments_and_blank_statements():
    stmts = schema.statements("// a comment\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n\n// end;\n")
    assert stmts == ["CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)"]
