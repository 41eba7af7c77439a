"""Provision and run a real Neo4j Community server from Maven Central's jars.

The server tarball is not published on any registry this project can reach, but every jar of
its ``lib/`` folder is on Maven Central. ``install`` rebuilds that folder with Maven from
``neo4j-pom.xml``; ``start`` writes our own ``neo4j.conf`` and runs the very boot class the
tarball's ``bin/neo4j console`` runs (``org.neo4j.server.CommunityEntryPoint``) in one JVM,
detached, with its pid in the instance home. Each instance (development, tests, benchmarks)
has a home folder of its own and a port of its own, and listens on 127.0.0.1 only.

No Flask here: the command line (``scripts/neo4j``) and the test session both drive this
module.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

NEO4J_VERSION = "5.26.31"
POM = Path(__file__).with_name("neo4j-pom.xml")
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
BOOT_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
)


class ServerError(RuntimeError):
    """The server could not be installed, started or reached; the message says why."""


@dataclass(frozen=True)
class Instance:
    """One Neo4j server: where it lives, where it listens, how big it may grow."""

    home: Path
    lib: Path
    port: int
    password: str
    heap: str = "512m"
    pagecache: str = "256m"
    tx_memory: str = "256m"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"


# --------------------------------------------------------------------------- install


def is_installed(lib: Path) -> bool:
    return (lib / ".complete").is_file()


def install(lib: Path, *, quiet: bool = False) -> bool:
    """Fill ``lib`` with the server's jars; return False when they were already there."""
    if is_installed(lib):
        return False
    if shutil.which("mvn") is None:
        raise ServerError("Maven (mvn) non trovato: serve per scaricare Neo4j da Maven Central.")
    java_major()  # fail early, with a clear message, on a missing or old Java
    lib.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=lib.name + ".", dir=lib.parent))
    cmd = [
        "mvn", "-B", "-q" if quiet else "-ntp", "-f", str(POM),
        f"{DEPENDENCY_PLUGIN}:copy-dependencies",
        "-DincludeScope=runtime", "-DexcludeTypes=pom", f"-DoutputDirectory={staging}",
    ]
    try:
        subprocess.run(cmd, check=True)
        jars = list(staging.glob("*.jar"))
        if not any(j.name.startswith("neo4j-server-") for j in jars):
            raise ServerError(f"Maven non ha prodotto neo4j-server in {staging}")
        (staging / ".complete").write_text(f"{NEO4J_VERSION}\n{len(jars)} jars\n")
        if lib.exists():
            shutil.rmtree(lib)
        staging.rename(lib)
    except subprocess.CalledProcessError as exc:
        raise ServerError(f"download dei jar di Neo4j fallito (mvn uscito con {exc.returncode})") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return True


def java_binary() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise ServerError("Java non trovato: Neo4j 5.26 richiede Java 17 o 21.")
    return found


def java_major() -> int:
    out = subprocess.run([java_binary(), "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        raise ServerError(f"versione di Java non riconosciuta: {out.strip()[:200]}")
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8" style
        major = int(match.group(2))
    if major < 17:
        raise ServerError(f"Neo4j 5.26 richiede Java 17 o 21, trovato Java {major}.")
    return major


# --------------------------------------------------------------------------- configuration


def render_conf(instance: Instance) -> str:
    """Our own neo4j.conf: loopback only, Bolt only, sized for a shared 2-core machine."""
    return "\n".join([
        "# Written by graph/server.py at every start: edit the code, not this file.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{instance.port}",
        f"server.bolt.advertised_address=127.0.0.1:{instance.port}",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.memory.pagecache.size={instance.pagecache}",
        f"db.memory.transaction.total.max={instance.tx_memory}",
        "dbms.usage_report.enabled=false",
        "server.directories.data=data",
        "server.directories.logs=logs",
        "server.directories.plugins=plugins",
        "server.directories.import=import",
        "server.directories.run=run",
        "db.tx_log.rotation.retention_policy=1 days",
        "",
    ])


def _env(instance: Instance) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(instance.home)
    env["NEO4J_CONF"] = str(instance.conf_dir)
    return env


def _password_marker(instance: Instance) -> Path:
    return instance.home / "data" / ".mentore-password"


def _digest(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def prepare(instance: Instance) -> None:
    """Create the home folders, write the conf and set the initial password on a new store."""
    if not is_installed(instance.lib):
        raise ServerError(f"Neo4j non installato in {instance.lib}: eseguire `scripts/neo4j install`.")
    if len(instance.password) < 8:
        raise ServerError("la password di Neo4j deve avere almeno 8 caratteri.")
    for sub in ("conf", "data", "logs", "plugins", "import", "run"):
        (instance.home / sub).mkdir(parents=True, exist_ok=True)
    (instance.conf_dir / "neo4j.conf").write_text(render_conf(instance))
    marker = _password_marker(instance)
    if marker.exists():
        if marker.read_text().strip() != _digest(instance.password):
            raise ServerError(
                f"la password configurata non è quella con cui è stato creato il database in "
                f"{instance.home}. Ripristinare la password in local.env oppure cancellare il "
                f"database con `scripts/neo4j reset`."
            )
        return
    # "--": a password may start with "-" (token_urlsafe does, 1 time in 64); not an option.
    cmd = [java_binary(), "-cp", f"{instance.lib}/*", ADMIN_CLASS,
           "dbms", "set-initial-password", "--", instance.password]
    result = subprocess.run(cmd, env=_env(instance), capture_output=True, text=True)
    if result.returncode != 0:
        first = (result.stderr.strip() or result.stdout.strip()).splitlines()[:1]
        raise ServerError(f"impostazione della password iniziale fallita: {' '.join(first)[:500]}")
    marker.write_text(_digest(instance.password) + "\n")


# --------------------------------------------------------------------------- process


def running_pid(instance: Instance) -> int | None:
    """The pid of this instance's server when it is alive, else None (stale pid files go)."""
    try:
        pid = int(instance.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if not _alive(pid):
        instance.pid_file.unlink(missing_ok=True)
        return None
    # A pid reused by another program. The command line reads empty for a moment while the
    # java launcher starts, so only a non-empty one without our boot class disqualifies.
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        cmdline = b""
    if cmdline and BOOT_CLASS.encode() not in cmdline:
        instance.pid_file.unlink(missing_ok=True)
        return None
    return pid


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(instance: Instance) -> int:
    """Start the server detached from this process; return its pid (at once if already up)."""
    pid = running_pid(instance)
    if pid:
        return pid
    if port_in_use(instance.port):
        raise ServerError(
            f"la porta 127.0.0.1:{instance.port} è già occupata da un altro programma: "
            f"scegliere un'altra porta (MENTORE_NEO4J_URI)."
        )
    prepare(instance)
    cmd = [
        java_binary(), f"-Xms{instance.heap}", f"-Xmx{instance.heap}", *JVM_FLAGS,
        "-cp", f"{instance.home}/plugins/*:{instance.conf_dir}/*:{instance.lib}/*",
        BOOT_CLASS, f"--home-dir={instance.home}", f"--config-dir={instance.conf_dir}",
        "--console-mode",
    ]
    log = instance.console_log.open("ab")
    try:
        proc = subprocess.Popen(
            cmd, cwd=instance.home, env=_env(instance), stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    finally:
        log.close()
    instance.pid_file.write_text(f"{proc.pid}\n")
    return proc.pid


def stop(instance: Instance, timeout: float = 30.0) -> bool:
    """Stop the server (SIGTERM, then SIGKILL after ``timeout``); False if it was not running."""
    pid = running_pid(instance)
    if not pid:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)
    instance.pid_file.unlink(missing_ok=True)
    return True


def _alive(pid: int) -> bool:
    """True while the process runs; a zombie (exited, not yet reaped) counts as gone."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)  # reap it when it is our own child
        if done == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def reset(instance: Instance) -> None:
    """Stop the server and delete its database (configuration and logs stay)."""
    stop(instance)
    shutil.rmtree(instance.home / "data", ignore_errors=True)


def log_tail(instance: Instance, lines: int = 25) -> str:
    try:
        return "\n".join(instance.console_log.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(nessun log)"


def wait_ready(instance: Instance, user: str = "neo4j", timeout: float = 90.0) -> float:
    """Poll ``RETURN 1`` until it answers; return the seconds waited.

    The Bolt port opens before the database is online, so only a query proves readiness.
    Short sleeps in our own loop: the driver's retry backs off to many seconds.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

    started = time.monotonic()
    deadline = started + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if running_pid(instance) is None:
            raise ServerError(f"Neo4j si è fermato durante l'avvio. Ultime righe del log:\n{log_tail(instance)}")
        if port_in_use(instance.port):
            try:
                with GraphDatabase.driver(instance.uri, auth=(user, instance.password),
                                          connection_timeout=2.0) as driver:
                    driver.execute_query("RETURN 1", database_="neo4j")
                return time.monotonic() - started
            except AuthError as exc:
                raise ServerError(f"Neo4j rifiuta le credenziali configurate: {exc}") from exc
            except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as exc:
                last_error = exc
        time.sleep(0.25)
    raise ServerError(
        f"Neo4j non è pronto dopo {timeout:.0f} s ({last_error}). Ultime righe del log:\n{log_tail(instance)}"
    )


@contextmanager
def throwaway(home: Path, lib: Path, *, timeout: float = 120.0, keep: bool = False,
              **sizes: str) -> Iterator[Instance]:
    """A server for one run (a test session, a benchmark): a fresh store in ``home`` (a server
    an earlier run left there is stopped and its home wiped), a free port, a new password;
    ready when entered, stopped at the end, its home removed unless ``keep``. ``sizes``: heap,
    pagecache, tx_memory."""
    install(lib, quiet=True)
    if home.exists():
        stop(Instance(home=home, lib=lib, port=0, password="-" * 8))  # found by its pid file
        shutil.rmtree(home, ignore_errors=True)
    instance = Instance(home=home, lib=lib, port=free_port(), password=secrets.token_urlsafe(18), **sizes)
    start(instance)
    try:
        wait_ready(instance, timeout=timeout)
        yield instance
    finally:
        stop(instance)
        if not keep:
            shutil.rmtree(home, ignore_errors=True)
