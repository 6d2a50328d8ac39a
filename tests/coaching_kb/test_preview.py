"""The live preview reloads what changed: an edited plugin, an edited setting."""

from pathlib import Path

from coaching_kb.preview import Preview
from coaching_kb.testing import write_files

ARTICLE = "Title: Ready\nDate: 2020-01-01\n\n## A heading\n\nSome text.\n"
PROBE = """
    from pelican import signals
    from pelican.generators import Generator

    class Probe(Generator):
        def generate_output(self, writer):
            with open(self.output_path + "/probe.txt", "w") as out:
                out.write("{version}")

    def add_probe(_pelican):
        return Probe

    def register():
        signals.get_generators.connect(add_probe)
"""


def settings_file(folder: Path, markdown_permalinks: bool = False) -> Path:
    """Write a small settings file using the probe plugin; return its path."""
    path = folder / "siteconf.py"
    path.write_text(
        f"PATH = {str(folder / 'content')!r}\n"
        f"PLUGIN_PATHS = [{str(folder / 'plugins')!r}]\n"
        "PLUGINS = ['probe']\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.toc': "
        f"{{'permalink': {markdown_permalinks}}}}}, 'output_format': 'html5'}}\n",
        encoding="utf-8",
    )
    return path


def site(tmp_path: Path, version: str) -> Path:
    write_files(
        tmp_path, {"content/ready.md": ARTICLE, "plugins/probe.py": PROBE.format(version=version)}
    )
    return settings_file(tmp_path)


def test_an_edited_plugin_is_loaded_afresh(tmp_path):
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        assert (output / "probe.txt").read_text() == "first"
        site(tmp_path, "second")
        assert not preview.rebuild([str(tmp_path / "plugins" / "probe.py")]).failed()
        assert (output / "probe.txt").read_text() == "second"


def test_a_changed_markdown_setting_is_applied_to_unchanged_articles(tmp_path):
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    page = output / "ready.html"
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        assert "headerlink" not in page.read_text()
        settings_file(tmp_path, markdown_permalinks=True)
        assert not preview.rebuild([str(settings)]).failed()
        assert "headerlink" in page.read_text()
    # And after the preview is stopped and started again, as an owner would.
    settings_file(tmp_path, markdown_permalinks=False)
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        assert "headerlink" not in page.read_text()


def test_a_content_edit_reuses_the_build_process(tmp_path):
    settings, output = site(tmp_path, "first"), tmp_path / "output"
    with Preview(settings, tmp_path / "content", output) as preview:
        assert not preview.rebuild().failed()
        write_files(tmp_path, {"content/ready.md": ARTICLE.replace("Some text", "New text")})
        assert not preview.rebuild([str(tmp_path / "content" / "ready.md")]).failed()
        assert "New text" in (output / "ready.html").read_text()
        assert preview.restarts == 1
