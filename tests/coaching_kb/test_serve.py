"""`invoke serve` and `invoke livereload` really serve the site, and livereload rebuilds."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from coaching_kb.errors import SiteError
from coaching_kb.serve import SiteServer
from coaching_kb.testing import ROOT, SITES, write_files


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture
def start_task():
    started = []

    def start(*arguments: str, terminal: Path | None = None) -> subprocess.Popen:
        """Start `invoke ARGUMENTS`; what it prints goes to the file `terminal`, if given."""
        shown = terminal.open("w", encoding="utf-8") if terminal else subprocess.DEVNULL
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "-r", str(ROOT), *arguments],
            cwd=ROOT,
            stdout=shown,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_serve_builds_and_serves_the_sample_site(start_task, tmp_path):
    port = free_port()
    start_task("serve", "--port", str(port), "--output", str(tmp_path / "site"))
    home = fetch(f"http://127.0.0.1:{port}/")
    assert "Northstar Leadership Notes" in home
    assert "The hero who stays late" in fetch(f"http://127.0.0.1:{port}/the-hero-who-stays-late/")


def test_livereload_rebuilds_when_content_changes(start_task, tmp_path):
    content = tmp_path / "content"
    write_files(content, {"a.md": "Title: First title\nDate: 2020-01-01\n\nText.\n"})
    port = free_port()
    start_task("livereload", "--port", str(port), "--content", str(content),
               "--output", str(tmp_path / "site"))  # fmt: skip
    assert "First title" in fetch(f"http://127.0.0.1:{port}/first-title/")
    assert '<script src="/__livereload.js" defer>' in fetch(f"http://127.0.0.1:{port}/first-title/")
    write_files(content, {"b.md": "Title: Second title\nDate: 2020-01-02\n\nMore.\n"})
    assert "Second title" in fetch(f"http://127.0.0.1:{port}/second-title/")


def test_livereload_builds_an_owners_site_with_its_own_settings(start_task, tmp_path):
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    port = free_port()
    settings = tmp_path / "site" / "pelicanconf.py"
    start_task("livereload", "--port", str(port), "--settings", str(settings),
               "--output", str(tmp_path / "out"))  # fmt: skip
    address = f"http://127.0.0.1:{port}/primeira-reuniao.html"  # the owner's URL layout
    assert '<html lang="pt"' in fetch(address)
    post = tmp_path / "site" / "content" / "posts" / "primeira-reuniao.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nUma frase nova.\n", encoding="utf-8")
    deadline = time.monotonic() + 60
    while "Uma frase nova" not in fetch(address):
        assert time.monotonic() < deadline, "the owner's site was not rebuilt after an edit"
        time.sleep(0.3)


@pytest.mark.parametrize("task", ["serve", "livereload"])
def test_an_owners_site_served_shows_progress_and_no_warning_naming_no_file(
    start_task, tmp_path, task
):
    # The owner's site keeps Pelican's feeds and sets no SITEURL, as local settings do: Pelican
    # warns about that when it reads the settings, naming no file.
    shutil.copytree(SITES / "portuguese_site", tmp_path / "site")
    port, terminal = free_port(), tmp_path / "terminal.txt"
    start_task(task, "--port", str(port), "--settings", str(tmp_path / "site" / "pelicanconf.py"),
               "--output", str(tmp_path / "out"), terminal=terminal)  # fmt: skip
    assert '<html lang="pt"' in fetch(f"http://127.0.0.1:{port}/primeira-reuniao.html")
    deadline = time.monotonic() + 30  # the page is served a moment before the line is printed
    while f"ready at http://127.0.0.1:{port}/" not in (shown := terminal.read_text("utf-8")):
        assert time.monotonic() < deadline, f"no 'ready at' line in:\n{shown}"
        time.sleep(0.2)
    assert "Feeds generated without SITEURL" not in shown
    assert not [line for line in shown.lower().splitlines() if "warning" in line]


def test_livereload_keeps_going_past_a_broken_file(start_task, tmp_path):
    content = tmp_path / "content"
    write_files(content, {
        "fine.md": "Title: Fine\nDate: 2020-01-01\n\nText.\n",
        "broken.md": "Title: Broken\nDate: 2020-01-02\n\n![Gone](gone.png)\n",
    })  # fmt: skip
    port = free_port()
    start_task("livereload", "--port", str(port), "--content", str(content),
               "--output", str(tmp_path / "site"), "--keep-going")  # fmt: skip
    assert "Fine" in fetch(f"http://127.0.0.1:{port}/fine/")
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/broken/", timeout=5)
    assert missing.value.code == 404


def test_missing_pages_get_the_sites_own_404_page(start_task, tmp_path):
    port = free_port()
    content = tmp_path / "content"
    write_files(content, {"a.md": "Title: Only page\nDate: 2020-01-01\n\nText.\n"})
    start_task("serve", "--port", str(port), "--content", str(content),
               "--output", str(tmp_path / "site"))  # fmt: skip
    fetch(f"http://127.0.0.1:{port}/only-page/")
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=5)
    assert missing.value.code == 404
    assert "We could not find that page" in missing.value.read().decode()


def test_the_server_stops_with_its_process_and_frees_the_port(tmp_path):
    content = tmp_path / "content"
    write_files(content, {"a.md": "Title: A\nDate: 2020-01-01\n\nText.\n"})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "livereload", "--port", str(port),
         "--content", str(content), "--output", str(tmp_path / "site")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    fetch(f"http://127.0.0.1:{port}/a/")
    server.send_signal(signal.SIGTERM)  # what `kill PID` sends: no Ctrl-C, no process group
    server.wait(timeout=20)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    said = server.stdout.read()
    assert said.count("pagefind_search: 1 pages indexed") == 1, said  # each line once, not twice


def open_in_livereload(start_task, tmp_path: Path, page, title: str) -> tuple[int, list[str]]:
    """Serve a one-article site with `invoke livereload` and open its article in `page`;
    return the port and the list the page's CSP complaints go to."""
    content = tmp_path / "content"
    write_files(content, {"a.md": f"Title: {title}\nDate: 2020-01-01\n\nText.\n"})
    port = free_port()
    start_task("livereload", "--port", str(port), "--content", str(content),
               "--output", str(tmp_path / "site"))  # fmt: skip
    address = f"http://127.0.0.1:{port}/{title.lower().replace(' ', '-')}/"
    fetch(address)
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(address)
    page.wait_for_load_state("networkidle")
    return port, blocked


@pytest.mark.browser
def test_an_open_page_reloads_itself_after_a_save(start_task, tmp_path, page):
    content = tmp_path / "content"
    _, blocked = open_in_livereload(start_task, tmp_path, page, "Before the edit")
    write_files(content, {"a.md": "Title: Before the edit\nDate: 2020-01-01\n\nSaved again.\n"})
    page.get_by_text("Saved again").wait_for(timeout=60000)  # no manual reload
    assert blocked == []


@pytest.mark.browser
def test_a_failed_rebuild_is_shown_on_the_open_page_until_it_is_fixed(start_task, tmp_path, page):
    # The author is looking at the browser, not the terminal: a failed build must say so
    # there, or the new page is only the site's 404 ("it may have moved").
    content = tmp_path / "content"
    port, blocked = open_in_livereload(start_task, tmp_path, page, "Steady page")
    assert page.get_by_role("alert").count() == 0
    write_files(content, {"b.md": "Title: New page\nDate: 2020-13-45\n\nText.\n"})
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=60000)  # the page reloads itself to show it
    text = alert.inner_text()
    assert "The last build failed" in text
    assert "b.md:2: date '2020-13-45' does not parse. Fix:" in text
    assert page.get_by_text("Steady page").first.is_visible()  # the last good site, under it
    page.goto(f"http://127.0.0.1:{port}/new-page/")  # the new page: a 404 that says why
    assert "does not parse" in page.get_by_role("alert").inner_text()
    write_files(content, {"b.md": "Title: New page\nDate: 2020-01-02\n\nText.\n"})
    page.get_by_role("heading", name="New page").wait_for(timeout=60000)
    assert page.get_by_role("alert").count() == 0
    assert blocked == []


def test_livereload_previews_a_draft_that_the_build_never_publishes(start_task, tmp_path, task):
    # `invoke new` writes a draft and the README's next step is the preview: it must be there.
    content = tmp_path / "content"
    write_files(content, {"a.md": "Title: Published one\nDate: 2020-01-01\n\nText.\n"})
    made = task("new", "--title", "Still a draft", "--content", str(content))
    assert "/drafts/still-a-draft/" in made.stdout  # where to look
    port = free_port()
    start_task("livereload", "--port", str(port), "--content", str(content),
               "--output", str(tmp_path / "site"))  # fmt: skip
    draft = fetch(f"http://127.0.0.1:{port}/drafts/still-a-draft/")
    assert "Still a draft" in draft
    assert "Draft: not published" in draft
    home = fetch(f"http://127.0.0.1:{port}/")
    assert "Published one" in home
    assert "Still a draft" not in home  # listed nowhere; only its own address shows it
    built = task("build", "--content", str(content), "--output", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / "out" / "drafts").exists()


def test_a_taken_port_is_one_line_naming_it_and_the_fix(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "-r", str(ROOT), "serve", "--port", str(port),
             "--output", str(tmp_path / "site")],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    said = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode == 2
    assert len(said) == 1, said
    assert f"port {port}" in said[0]
    assert "--port" in said[0]


def test_the_port_suggested_instead_of_a_taken_one_is_free(tmp_path):
    # The README's own setup takes two neighbours (the site, the inbox on the next port).
    taken = []
    for first in range(20000, 30000, 7):
        try:
            for port in (first, first + 1):
                taken.append(socket.create_server(("127.0.0.1", port)))
            break
        except OSError:
            for sock in taken:
                sock.close()
            taken.clear()
    try:
        with pytest.raises(SiteError) as refused:
            SiteServer(tmp_path, "127.0.0.1", first)
        suggested = int(re.search(r"--port (\d+)", str(refused.value))[1])
        assert suggested not in (first, first + 1)
        socket.create_server(("127.0.0.1", suggested)).close()  # it is really free
    finally:
        for sock in taken:
            sock.close()


def test_pages_say_the_site_is_building_until_the_first_build_is_in(tmp_path):
    (tmp_path / "index.html").write_text("<html><body>the site</body></html>")
    ready = threading.Event()
    server = SiteServer(tmp_path, "127.0.0.1", 0, ready=ready)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(urllib.error.HTTPError) as building:
            urllib.request.urlopen(server.base_url + "/", timeout=10)  # noqa: S310 - loopback
        assert building.value.code == 503
        assert b"Building the site" in building.value.read()
        ready.set()
        assert "the site" in fetch(server.base_url + "/", timeout=10)
    finally:
        server.shutdown()
        server.server_close()


def test_a_client_that_goes_away_is_not_an_error(tmp_path, capsys):
    server = SiteServer(tmp_path, "127.0.0.1", 0)
    try:
        for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise gone
            except OSError:
                server.handle_error(None, ("127.0.0.1", 50000))
    finally:
        server.server_close()
    assert capsys.readouterr().err == ""
