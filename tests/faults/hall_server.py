"""The web hall the kill test serves and kills: uvicorn in a process of its own, forked.

Run as ``python tests/faults/hall_server.py DATABASE_URL PORT GATEWAY_PORT`` with the
gateway's manager key (hex) in ``UNICOM_FAULTS_GATEWAY_KEY``. This process is the
supervisor: it wires the hall on the database (migrated and provisioned already), paying
through the sandbox of the gateway's process (:mod:`gateway`), and its Litestar app, then
closes every database connection and waits. Each line ``start`` on its standard input forks
a web server, which serves the app with one uvicorn process on localhost; the server's pid
is written back as a line. The test kills that server with SIGKILL and asks for another.

Why fork a wired app (gunicorn's ``--preload``) instead of starting a new interpreter: the
imports and the wiring take many seconds on a busy machine, and they hold nothing the kill
should lose. Nothing is served and no connection is open when the supervisor forks, so each
server starts as a freshly started one does: an empty connection pool, no request in
flight, a gateway connection of its own (:class:`gateway.RemoteGateway` connects per
process); everything a server did dies with it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

import uvicorn
from unicom_sql import create_storage
from unicom_web import WebSettings, create_app

SECRET = "f" * 48


def _serve(app: object, port: int) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)  # type: ignore[arg-type]
    finally:
        os._exit(0)


def main(database: str, port: int, gateway_port: int) -> None:
    """Wire the hall, then fork a server for each ``start`` read; stop at end of input."""
    sys.path.insert(0, str(Path(__file__).parent))
    from gateway import KEY_VARIABLE, RemoteGateway  # noqa: PLC0415 - beside this script
    from halls import make_hall  # noqa: PLC0415

    key = bytes.fromhex(os.environ[KEY_VARIABLE])
    hall = make_hall(
        create_storage(database), payment_gateway=RemoteGateway(("127.0.0.1", gateway_port), key)
    )
    settings = WebSettings(secret=SECRET, notification_limit_per_minute=100_000)
    app = create_app(hall, settings)
    hall.storage.engine.dispose()  # type: ignore[attr-defined]  # no connection crosses a fork
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the killed servers
    server = 0
    for line in sys.stdin:
        if line.strip() != "start":
            continue
        server = os.fork()
        if server == 0:
            _serve(app, port)
        print(server, flush=True)  # noqa: T201 - the supervisor's answer
    if server:
        with contextlib.suppress(ProcessLookupError):
            os.kill(server, signal.SIGTERM)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
