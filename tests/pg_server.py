"""A throwaway PostgreSQL server for the test session (and the load benchmark).

The tests talk to a real server, never a mock: `initdb` into a fresh
directory under /tmp, `pg_ctl start` on a free port bound to 127.0.0.1 only,
password (scram) authentication over TCP so URLs carry a real password.
PostgreSQL refuses to run as root, so as root every server command runs as
the unprivileged `postgres` user (`runuser -u postgres --`) and the
directory is handed to that user; pytest's tmp_path is private to root.
Durability is switched off (fsync, synchronous_commit): the data is thrown
away, and start-up and loads are much faster without it.
"""

from __future__ import annotations

import atexit
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

BINDIR_ENV = "PAPERLIST_PG_BINDIR"
DEFAULT_BINDIR = Path("/usr/lib/postgresql/15/bin")
INSTALL_HINT = "apt-get install -y postgresql (Debian's PostgreSQL 15 server package)"
SERVER_USER = "postgres"


class ServerUnavailable(RuntimeError):
    """The server binaries are missing or the server would not start."""


def find_bindir() -> Path:
    """Where initdb, pg_ctl and postgres are: $PAPERLIST_PG_BINDIR or the Debian path."""
    bindir = Path(os.environ.get(BINDIR_ENV, DEFAULT_BINDIR))
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (bindir / name).is_file()]
    if missing:
        raise ServerUnavailable(
            f"PostgreSQL server binaries {', '.join(missing)} not found in {bindir}; "
            f"install them with: {INSTALL_HINT} (or set {BINDIR_ENV})"
        )
    return bindir


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgServer:
    """A running server; `stop()` is idempotent and also registered at exit."""

    bindir: Path
    base: Path
    port: int
    password: str
    user: str = "postgres"
    _as_user: list[str] = field(default_factory=list)
    _stopped: bool = False

    @property
    def datadir(self) -> Path:
        return self.base / "data"

    @property
    def log(self) -> Path:
        return self.base / "server.log"

    def url(self, dbname: str = "postgres", password: Optional[str] = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql://{self.user}:{secret}@127.0.0.1:{self.port}/{dbname}"

    def run(self, args: Sequence[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self._as_user, *args], capture_output=True, text=True, timeout=timeout, cwd=self.base
        )

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if (self.datadir / "postmaster.pid").exists():
            self.run([str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.base, ignore_errors=True)


def _server_user_prefix() -> tuple[list[str], Optional[pwd.struct_passwd]]:
    if os.geteuid() != 0:
        return [], None
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ServerUnavailable(
            f"running as root and there is no {SERVER_USER!r} user to run PostgreSQL as; "
            f"install it with: {INSTALL_HINT}"
        ) from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ServerUnavailable("running as root and runuser(1) is missing; cannot start PostgreSQL")
    return [runuser, "-u", SERVER_USER, "--"], account


def start_server() -> PgServer:
    """initdb + pg_ctl start; raises ServerUnavailable with the server log on failure."""
    bindir = find_bindir()
    as_user, account = _server_user_prefix()
    base = Path(tempfile.mkdtemp(prefix="paperlist-pg-", dir="/tmp"))
    if account is not None:
        os.chown(base, account.pw_uid, account.pw_gid)
    server = PgServer(bindir, base, free_port(), secrets.token_urlsafe(12), _as_user=as_user)
    atexit.register(server.stop)
    pwfile = base / "pwfile"
    pwfile.write_text(server.password + "\n")
    if account is not None:
        os.chown(pwfile, account.pw_uid, account.pw_gid)
    initdb = server.run(
        [
            str(bindir / "initdb"),
            "-D", str(server.datadir),
            "-U", server.user,
            f"--pwfile={pwfile}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        ]
    )
    pwfile.unlink()
    if initdb.returncode != 0:
        server.stop()
        raise ServerUnavailable(f"initdb failed: {initdb.stderr.strip()[-2000:]}")
    options = " ".join(
        [
            f"-p {server.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={base}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ]
    )
    started = server.run(
        [str(bindir / "pg_ctl"), "-D", str(server.datadir), "-l", str(server.log), "-o", options, "-w", "-t", "30", "start"]
    )
    if started.returncode != 0:
        log = server.log.read_text(errors="replace")[-2000:] if server.log.exists() else ""
        server.stop()
        raise ServerUnavailable(f"pg_ctl start failed: {started.stderr.strip()} {started.stdout.strip()} {log}")
    return server
