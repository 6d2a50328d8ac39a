"""related_topics' caches in real builds: `pelican` in a fresh process each time, on Pelican's
default theme. An unchanged site reads its lists back; any change to what shapes them gives
the lists a build with no cache gives, byte for byte."""

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pelican.plugins.related_topics.cache import lists_key
from pelican.plugins.related_topics.meaning import MissingModelError, package_file
from pelican.plugins.related_topics.ranking import Doc

PLUGIN = Path(__file__).resolve().parents[1]
PACKAGE = PLUGIN / "pelican" / "plugins" / "related_topics"
PORTUGUESE_SITE = PLUGIN.parents[1] / "tests" / "sites" / "portuguese_site"
SHARED = json.loads((Path(__file__).parent / "articles.json").read_text(encoding="utf-8"))
ARTICLES = {  # the shared four, two of them on planning, and one that links both subjects
    **SHARED,
    "deadline.md": SHARED["deadline.md"].replace("\n\n", "\nTags: planning\n\n", 1),
    "soil.md": "Title: Soil for the balcony\nDate: 2024-01-05\nTags: planning\n\n"
    "Plan the pots before spring: compost, sand and a sunny south wall.\n",
}
PLUGINS = ["pelican.plugins.related_topics"]  # editable installs: by full name
# What each article page and related.json show: the cached and the fresh must agree on all.
OUTPUTS = ["related.json", "the-deadline-slipped.html", "spring-garden.html", "running-late.html"]


def build(site: Path, articles: dict = ARTICLES, **settings: object) -> str:
    """Build `site`/content with `pelican -D` on Pelican's default theme; return its log."""
    shutil.rmtree(site / "content", ignore_errors=True)
    for name, text in articles.items():
        (site / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / name).write_text(text, encoding="utf-8")
    settings = {"PLUGINS": PLUGINS} | settings
    lines = [f"{key} = {value!r}" for key, value in settings.items()]
    (site / "conf.py").write_text("\n".join(["TIMEZONE = 'UTC'", *lines]) + "\n")
    command = [sys.executable, "-m", "pelican", "content", "-s", "conf.py", "-o", "output", "-D"]
    wide = os.environ | {"COLUMNS": "500"}  # Pelican's log wraps lines at the terminal's width
    done = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env=wide)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def build_both(warm: Path, cold: Path, articles: dict = ARTICLES, **settings: object) -> str:
    """Build `warm` and `cold` with the same input side by side (two processes, two folders:
    neither build sees the other); return the warm build's log."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        cold_done = pool.submit(build, cold, articles, **settings)
        log = build(warm, articles, **settings)
        cold_done.result()
    return log


def outputs(site: Path) -> dict[str, bytes]:
    return {name: (site / "output" / name).read_bytes() for name in OUTPUTS}


def lists_file(site: Path) -> Path:
    return site / "cache" / "related_topics" / "lists.json"


DOCS = [Doc("a.md", "A", "one two", ("x",), "en"), Doc("b.md", "B", "three", (), "pt")]


@pytest.mark.parametrize(
    "changed",
    [
        [DOCS[0], Doc("b.md", "B", "three", (), "en")],  # a language
        [DOCS[0], Doc("b.md", "B", "three", ("x",), "pt")],  # a topic
        [DOCS[0], Doc("b.md", "B.", "three", (), "pt")],  # a title
        [DOCS[0], Doc("c.md", "B", "three", (), "pt")],  # a path
        [DOCS[0], Doc("b.md", "B", "three", (), "pt", summary="Three.")],  # a summary
        [Doc("a.md", "A", "one", ("x",), "en"), DOCS[1]],  # a text
        [Doc("a.md", "A", "one two", ("x", ""), "en"), DOCS[1]],  # an empty topic more
        list(reversed(DOCS)),  # the order
        DOCS[:1],  # an article fewer
    ],
)
def test_the_lists_key_changes_with_every_field_of_every_doc(changed):
    assert lists_key(DOCS, ["max=5"]) == lists_key(list(DOCS), ["max=5"])
    assert lists_key(changed, ["max=5"]) != lists_key(DOCS, ["max=5"])
    assert lists_key(DOCS, ["max=4"]) != lists_key(DOCS, ["max=5"])


def test_an_unchanged_site_reads_its_lists_back_and_shows_the_same_bytes(tmp_path):
    first = build(tmp_path)
    assert "lists unchanged" not in first
    written = lists_file(tmp_path).stat().st_mtime_ns
    before = outputs(tmp_path)
    again = build(tmp_path)
    assert "related_topics: lists unchanged, read from" in again
    assert "embedded" not in again  # nor were the vectors read or made
    assert lists_file(tmp_path).stat().st_mtime_ns == written
    assert outputs(tmp_path) == before


EDITED = dict(ARTICLES, **{"late.md": ARTICLES["late.md"].replace("holidays", "tulips in pots")})
TAGGED = "\nTags: planning\n\n"
RETAGGED = dict(ARTICLES, **{"garden.md": ARTICLES["garden.md"].replace("\n\n", TAGGED)})
CHANGES = {  # one input of the lists changed: (articles, settings)
    "an article's text": (EDITED, {}),
    "an article's topics": (RETAGGED, {}),
    "a new article": (dict(ARTICLES, **{"pots.md": "Title: Pots\n\nTulips bloom in pots.\n"}), {}),
    "RELATED_TOPICS_MAX": (ARTICLES, {"RELATED_TOPICS_MAX": 1}),
    "RELATED_TOPICS_MIN_SCORE": (ARTICLES, {"RELATED_TOPICS_MIN_SCORE": 0.6}),
    "RELATED_TOPICS_MODEL": (ARTICLES, {"RELATED_TOPICS_MODEL": ""}),
    "RELATED_TOPICS_PASSAGE_WORDS": (ARTICLES, {"RELATED_TOPICS_PASSAGE_WORDS": 4}),
}


def test_a_change_to_any_input_gives_the_lists_a_build_without_cache_gives(tmp_path):
    warm = tmp_path / "warm"
    build(warm)
    # One change after another: each build's cache holds the lists of the one before.
    for number, (change, (articles, settings)) in enumerate(CHANGES.items()):
        before = outputs(warm)
        log = build_both(warm, tmp_path / f"cold-{number}", articles, **settings)
        assert "lists unchanged" not in log, change
        assert outputs(warm) == outputs(tmp_path / f"cold-{number}"), change
        assert outputs(warm)["related.json"] != before["related.json"], change


def test_a_change_to_the_plugins_code_is_never_served_old_lists(tmp_path):
    # A copy of the plugin, loaded by name from PLUGIN_PATHS, then edited: its lists are cut
    # to one link, as if the ranking had changed. Its code fingerprint changes with it.
    copy = tmp_path / "plugins" / "related_copy"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    load_copy = {"PLUGINS": ["related_copy"], "PLUGIN_PATHS": [str(tmp_path / "plugins")]}
    build(tmp_path / "warm", **load_copy)
    before = outputs(tmp_path / "warm")
    with (copy / "glue.py").open("a", encoding="utf-8") as glue:
        glue.write("\nranked = relate\n\n\ndef relate(*given):\n")
        glue.write("    return [found[:1] for found in ranked(*given)]\n")
    log = build_both(tmp_path / "warm", tmp_path / "cold", **load_copy)
    assert "lists unchanged" not in log
    assert outputs(tmp_path / "warm") == outputs(tmp_path / "cold")
    assert outputs(tmp_path / "warm")["related.json"] != before["related.json"]


ANOTHER_KEY = ("0" * 64 + "\n[]\n").encode()  # another site's or settings' lists: a miss


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding `cold` and `warm`: the same site built once each, side by side. Tests
    damage copies of `warm` (its caches and all) and compare with `cold`'s untouched output."""
    folder = tmp_path_factory.mktemp("built")
    build_both(folder / "warm", folder / "cold")
    return folder


def warm_copy(built: Path, tmp_path: Path) -> Path:
    """Return a copy of the warm site (content, conf.py, output and caches) for one test."""
    return Path(shutil.copytree(built / "warm", tmp_path / "warm"))


@pytest.mark.parametrize("damage", [b"", b"not a key\n[", b"\x00\x01", None, ANOTHER_KEY])
def test_a_damaged_lists_cache_is_named_once_in_plain_words_and_made_again(built, tmp_path, damage):
    warm = warm_copy(built, tmp_path)
    lists = lists_file(warm)
    key = lists.read_text(encoding="utf-8").splitlines()[0]
    lists.write_bytes(damage if damage is not None else f"{key}\n[[[\n".encode())
    log = build(warm)
    assert outputs(warm) == outputs(built / "cold")
    named = log.count("the cache file cache/related_topics/lists.json is damaged")
    assert named == (0 if damage == ANOTHER_KEY else 1)  # named once (as CACHE_PATH says)
    assert lists.read_text(encoding="utf-8").startswith(key)


def test_a_damaged_vectors_cache_is_named_in_plain_words_and_made_again(built, tmp_path):
    warm = warm_copy(built, tmp_path)
    folder = lists_file(warm).parent
    (folder / "vectors.npy").write_bytes(b"\x93NUMPY broken")
    (folder / "lists.json").unlink()
    log = build(warm)
    warned = [line for line in log.splitlines() if "WARNING" in line]
    assert "the cache file cache/related_topics/vectors.npy is damaged" in log
    assert not [line for line in warned if "pickle" in line or "numpy" in line.lower()]
    assert "embedded 5 passages" in log
    assert outputs(warm) == outputs(built / "cold")


def test_a_missing_model_package_says_to_install_the_plugins_folder_not_a_pypi_name():
    with pytest.raises(MissingModelError) as raised:
        package_file("no-such-model-package", "model.onnx")
    said = str(raised.value)
    assert "pip install ./plugins/related-topics" in said
    assert "pip install pelican-related-topics" not in said


def test_a_site_with_no_english_article_never_loads_the_model(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(PORTUGUESE_SITE, site)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"PLUGINS = {PLUGINS!r}\n")
    run = (
        "import sys; from pelican import main; "
        "main(['content', '-s', 'pelicanconf.py', '-o', 'output', '-v']); "
        "print('model loaded:', 'onnxruntime' in sys.modules)"
    )
    wide = os.environ | {"COLUMNS": "500"}
    done = subprocess.run(
        [sys.executable, "-c", run], cwd=site, capture_output=True, text=True, env=wide
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "model loaded: False" in log
    assert "embedded" not in log
    assert "related (terms)" in log
    assert not (site / "cache" / "related_topics" / "vectors.npy").exists()
    assert (site / "output" / "primeira-reuniao.html").is_file()
