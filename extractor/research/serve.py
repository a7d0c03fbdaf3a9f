"""`vnextract serve OUT_DIR`: a finished run's tables in the browser, with Datasette.

Datasette gives faceted browsing, full-text search, a SQL box, a page for
every row and .json / .csv for every view. We hand it the run's SQLite copy
(extractor/research/serve_db.py) and its metadata (serve_metadata.py), and keep
it read-only:
- the copy is opened immutable (read-only, never locked or written): SQL that
  writes fails, and Datasette's SQL box runs SELECT only anyway;
- no plugin is loaded but Datasette's own: one installed in the environment
  (which could upload, write or run code) is unregistered before start;
- it listens on 127.0.0.1 unless --host says otherwise, with a warning then.
Ctrl-C stops the server cleanly: the requests in flight end, one line says so,
exit code 0.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from extractor.research.arguments import BadArgument, fail, out_dir

if TYPE_CHECKING:
    from datasette.app import Datasette

LOOPBACK = "127.0.0.1"
OUR_PLUGIN = "extractor.research.serve_plugin"
_say = Console(stderr=True, highlight=False, soft_wrap=True)
SETTINGS = {
    "sql_time_limit_ms": 5000,  # a corpus of 30,000 articles: group-bys take a second or two
    "facet_time_limit_ms": 2000,
    "max_returned_rows": 5000,
    "allow_download": True,  # the SQLite copy, read-only like everything else
}


def finished_run(path: Path) -> Path:
    """OUT_DIR checked: a directory holding a finished run's tables (else BadArgument)."""
    import json

    from extractor.batch.store import DATABASE

    directory = out_dir(path)
    manifest = directory / "run.json"
    if not manifest.is_file() or not (directory / DATABASE).is_file():
        raise BadArgument(f"{directory} is not a vnextract run (no run.json or {DATABASE}): "
                          f"run `vnextract extract ... -o {directory}` first")
    try:
        batches = json.loads(manifest.read_text(encoding="utf-8")).get("batches") or []
    except (ValueError, AttributeError) as error:
        raise BadArgument(f"{manifest} cannot be read ({error})") from error
    if not batches or not batches[-1].get("finished"):
        raise BadArgument(f"{directory} holds an unfinished run: finish it with "
                          f"`vnextract extract ... -o {directory} --resume`")
    return directory


def datasette(database: Path, metadata: dict[str, Any], *, cors: bool = False) -> Datasette:
    """A Datasette over the one immutable database, with Datasette's own plugins only."""
    import importlib

    from datasette.app import Datasette
    from datasette.plugins import DEFAULT_PLUGINS, pm

    # After datasette.app (imported first, it would register itself half-made). With rich
    # installed (typer brings it), Datasette prints a traceback with locals for every
    # refused query: the user reads the error in the page, the terminal stays quiet.
    setattr(importlib.import_module("datasette.handle_exception"), "rich", None)  # noqa: B010
    for plugin in list(pm.get_plugins()):
        if pm.get_name(plugin) not in (*DEFAULT_PLUGINS, OUR_PLUGIN):
            pm.unregister(plugin)
    if pm.get_plugin(OUR_PLUGIN) is None:
        from extractor.research import serve_plugin

        pm.register(serve_plugin, name=OUR_PLUGIN)
    return Datasette(immutables=[str(database)], metadata=metadata, settings=SETTINGS,
                     cors=cors)


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound now so that a port in use is one clear line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        raise BadArgument(f"cannot listen on {host}:{port} ({error.strerror}): give another "
                          "--port or --host") from error
    listener.listen(128)
    return listener


async def _serve(app: Datasette, listener: socket.socket, url: str) -> None:
    import uvicorn

    await app.invoke_startup()
    # no lifespan task: startup is invoked above, and a lifespan task cut by Ctrl-C logs a
    # traceback on the way out
    config = uvicorn.Config(app.app(), log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[listener]))
    while not server.started and not task.done():
        await asyncio.sleep(0.05)
    if server.started:
        # The line a user (and the tests) wait for: the server answers from now on.
        print(f"serving at {url} (Ctrl-C to stop)", flush=True)
    await task


def serve_command(
    out: Annotated[Path, typer.Argument(help="a finished `vnextract extract` output folder")],
    host: Annotated[str, typer.Option(
        help="address to listen on; anything but 127.0.0.1 exposes the corpus to others")
    ] = LOOPBACK,
    port: Annotated[int, typer.Option(min=0, max=65535, help="port to listen on")] = 8001,
    cors: Annotated[bool, typer.Option(
        "--cors", metavar="",
        help="let web pages of other origins read the JSON (dashboards)")] = False,
) -> None:
    """Browse, search, facet and query a run's tables in the browser (Datasette, read-only)."""
    from extractor.research.serve_db import ServeDbError, ensure
    from extractor.research.serve_metadata import metadata

    try:
        directory = finished_run(out)
        listener = _listen(host, port)
    except BadArgument as error:
        fail(error)
    if host not in (LOOPBACK, "localhost", "::1"):
        _say.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach this "
                   "machine can read the corpus (read-only)")
    try:
        database, rebuilt = ensure(directory)
    except (ServeDbError, OSError) as error:
        listener.close()
        fail(f"the SQLite copy of {directory} cannot be built: {error}")
    if rebuilt:
        _say.print(f"built {database} from the run's tables (for Datasette)")
    app = datasette(database, metadata(database, f"vnextract: {directory.resolve().name}"),
                    cors=cors)
    shown = f"[{host}]" if ":" in host else host
    bound = listener.getsockname()[1]
    # uvicorn re-raises the Ctrl-C it caught once it has shut down: make it ours.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        asyncio.run(_serve(app, listener, f"http://{shown}:{bound}/"))
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
    _say.print("stopped")
    sys.stdout.flush()
