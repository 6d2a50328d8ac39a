"""Serve a built site on loopback: for `invoke serve` and `livereload`, tests and screenshots.

Missing pages get the site's own 404 page. With live reload, every HTML page served gets
one `<script src="/__livereload.js">`: a file from this server, so the pages' CSP
(`script-src 'self'`, `connect-src 'self'`) allows it; the script listens on
`/__livereload` (server-sent events) and reloads the page after each successful rebuild.
Nothing is added to the files on disk. Until the first build is done (`ready` unset), every
request gets a short page saying the site is being built, which reloads itself. After a build
that failed, every HTML page (the last good site's, or the 404 page) opens with the failed
build's problems, until a build succeeds: the author looks at the browser, not the terminal.
"""

import errno
import functools
import html
import http.server
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coaching_kb.errors import SiteError

RELOAD_SCRIPT_PATH = "/__livereload.js"
RELOAD_EVENTS_PATH = "/__livereload"
RELOAD_SCRIPT = b"""// Added by the development server only: reload when the site is rebuilt.
new EventSource("/__livereload").addEventListener("reload", () => location.reload());
"""
SCRIPT_TAG = b'<script src="/__livereload.js" defer></script>'
FAILURE_STYLE_PATH = "/__livereload.css"
FAILURE_STYLE = b""".dev-build-failed{position:sticky;top:0;z-index:1000;margin:0;padding:1rem;
background:#fff4f4;color:#5c0000;border-bottom:3px solid #b00020;font:15px/1.4 system-ui,sans-serif}
.dev-build-failed h2{margin:0;font-size:1rem}
.dev-build-failed p{margin:.25rem 0}
.dev-build-failed pre{margin:.5rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere;
font:13px/1.4 ui-monospace,monospace}
"""
MAX_SHOWN = 20  # problems shown on the page; the terminal has them all
KEEPALIVE_SECONDS = 15
BUILDING_PAGE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1">
<title>Building the site</title></head>
<body><p>Building the site for the first time; this page reloads when it is ready.</p></body>
</html>
"""
# A client that goes away mid-answer (a closed tab, a cancelled fetch) is no error of ours.
GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class Reloads:
    """The rebuild count the pages wait on; `bump` wakes every waiting page."""

    def __init__(self) -> None:
        self.version = 0
        self.changed = threading.Condition()
        self.stopped = False
        self.failure: tuple[str, ...] = ()  # the last build's problems, if it failed

    def bump(self, failure: tuple[str, ...] = ()) -> None:
        """Reload every open page, after a build (`failure`: its problems, if it failed)."""
        with self.changed:
            self.failure = failure
            self.version += 1
            self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopped = True
            self.changed.notify_all()

    def wait_after(self, version: int, timeout: float) -> int:
        """Return the version once it is past `version`, or after `timeout` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > version or self.stopped, timeout)
            return self.version


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files from the site folder; the site's 404 page for missing ones; no logging."""

    reloads: Reloads | None = None
    ready: threading.Event | None = None  # None: the site is there from the start

    def log_message(self, *args: Any) -> None:
        pass  # one line per rebuild is printed by the caller; a line per request is noise

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if self.ready is not None and not self.ready.is_set():
            self._send(503, "text/html; charset=utf-8", BUILDING_PAGE)
        elif self.reloads is not None and path == RELOAD_SCRIPT_PATH:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        elif self.reloads is not None and path == FAILURE_STYLE_PATH:
            self._send(200, "text/css; charset=utf-8", FAILURE_STYLE)
        elif self.reloads is not None and path == RELOAD_EVENTS_PATH:
            self._stream_reloads(self.reloads)
        elif self.reloads is not None and self._is_html(path):
            self._send_html(Path(self.translate_path(path)))
        else:
            super().do_GET()

    def list_directory(self, path: Any) -> None:
        """Answer a folder without index.html with the 404 page: a site has no listings."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send(404, "text/html; charset=utf-8", self._with_script(page.read_bytes()))

    def _is_html(self, path: str) -> bool:
        target = Path(self.translate_path(path))
        if target.is_dir():
            target /= "index.html"
        return target.suffix == ".html" and target.is_file()

    def _send_html(self, target: Path) -> None:
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the standard redirect to the folder's URL with a slash
                return
            target /= "index.html"
        self._send(200, "text/html; charset=utf-8", self._with_script(target.read_bytes()))

    def _with_script(self, page: bytes) -> bytes:
        if self.reloads is None:
            return page
        at = page.rfind(b"</body>")
        page = page + SCRIPT_TAG if at < 0 else page[:at] + SCRIPT_TAG + page[at:]
        if not self.reloads.failure:
            return page
        body = page.find(b"<body")
        opened = page.find(b">", body) + 1 if body >= 0 else 0
        return page[:opened] + failure_banner(self.reloads.failure) + page[opened:]

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _stream_reloads(self, reloads: Reloads) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = reloads.version
        try:
            while not reloads.stopped:
                now = reloads.wait_after(seen, KEEPALIVE_SECONDS)
                message = b"event: reload\ndata: %d\n\n" % now if now > seen else b": alive\n\n"
                self.wfile.write(message)
                self.wfile.flush()
                seen = now
        except GONE:
            return  # the page went away


def free_port_after(host: str, port: int, tries: int = 50) -> int:
    """Return the first port after `port` nothing listens on (to suggest), else port + 1."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        try:
            socket.create_server((host, candidate)).close()
        except OSError:
            continue
        return candidate
    return port + 1


def failure_banner(problems: tuple[str, ...]) -> bytes:
    """Return the banner a page opens with after a failed build: its problems, escaped."""
    shown = "\n".join(html.escape(p) for p in problems[:MAX_SHOWN])
    more = len(problems) - MAX_SHOWN
    rest = f"\n... and {more} more in the terminal" if more > 0 else ""
    return (
        f'<aside class="dev-build-failed" role="alert">'
        f'<link rel="stylesheet" href="{FAILURE_STYLE_PATH}">'
        "<h2>The last build failed</h2><p>This page is from the last good build. Fix these "
        f"and save; the page reloads.</p><pre>{shown}{rest}</pre></aside>"
    ).encode()


class SiteServer(http.server.ThreadingHTTPServer):
    """A threaded server of one site folder; pages are answered even while a rebuild runs."""

    daemon_threads = True  # a page waiting for reloads must not keep the process alive

    def __init__(
        self,
        folder: Path,
        host: str,
        port: int,
        reloads: Reloads | None = None,
        ready: threading.Event | None = None,
    ):
        self.reloads = reloads  # before binding: a failed bind still closes cleanly
        handler = type("Handler", (SiteHandler,), {"reloads": reloads, "ready": ready})
        try:
            super().__init__((host, port), functools.partial(handler, directory=str(folder)))
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            raise SiteError(
                f"port {port} on {host} is in use (another server is running there). "
                f"Fix: stop that server, or choose another port, e.g. --port "
                f"{free_port_after(host, int(port))}"
            ) from None

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], GONE):
            return
        super().handle_error(request, client_address)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def server_close(self) -> None:
        if self.reloads is not None:
            self.reloads.stop()
        super().server_close()


@contextmanager
def serving(folder: Path, reloads: Reloads | None = None) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 while the block runs; yield its base URL."""
    server = SiteServer(folder, "127.0.0.1", 0, reloads)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.base_url
    finally:
        server.shutdown()
        server.server_close()
