"""The live preview's quick page: an edited article or page rendered from the last full build.

A preview build process keeps what its last full build made (`HeldSite`: the generators, their
shared context, the settings). When a source whose address stays the same is saved, only it is
read again (Pelican's `Readers`, as its generator reads), run through the article-level plugin
signals on its own, and rendered with its generator's template and context into a scratch
folder; once the file's checks pass, the page replaces its old copy. A full build follows (see
`coaching_kb.preview`), which brings the listings, hubs and related lists up to date.

What the plugins work out across the whole site (related lists, backlinks, previous/next
links) cannot be worked out for one file alone: the edited page keeps those from the last full
build. So an attribute the one-file run did not set, or set empty where the full build had
found something, is taken from the full build's object; all the others come from the new read.
"""

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals
from pelican.writers import Writer

from coaching_kb.build import BuildReport
from coaching_kb.check.checks import run_problems
from coaching_kb.run import Output, Run, isolated_signals, recorded, source_of
from coaching_kb.staging import discard, staging_folder


@dataclass
class HeldSite:
    """What a full build made, kept in the build process for the next quick page."""

    settings: dict[str, Any]
    generators: list[Any]
    outputs: list[Output] = field(default_factory=list)

    @classmethod
    def of(cls, run: Run) -> "HeldSite":
        return cls(run.settings, list(run.generators), list(run.outputs))

    @property
    def context(self) -> dict[str, Any]:
        return self.generators[0].context  # one dict, shared by every generator


@dataclass(frozen=True, slots=True)
class Edit:
    """One edited source: its generator, the object the full build made and the new one."""

    generator: Any
    old: Any
    new: Any


def render_edited(held: HeldSite, output: Path, edited: frozenset[str]) -> BuildReport | None:
    """Render the pages of the `edited` sources into the built site `output` from `held`; they
    replace their old copies if their files' checks pass. Return None when a full build is
    needed instead: a page would move, or a source is not one of the site's listed pages."""
    scratch = staging_folder(output)
    run = Run(held.settings, held.generators)
    report = BuildReport(output=output)
    started = time.perf_counter()
    try:
        with recorded(run.records), isolated_signals():
            Pelican(held.settings)  # connects the plugins' receivers for this render
            edits = [read_again(held, Path(path)) for path in sorted(edited)]
            if any(edit is None for edit in edits):
                return None
            writer = Writer(str(scratch), settings=held.settings)
            for edit in edits:
                run.outputs.append(write_page(edit, writer))
        run.outputs += [
            o for o in held.outputs if o.save_as not in {p.save_as for p in run.outputs}
        ]
        report.problems = run_problems(run, only={Path(path) for path in edited})
        if report.failed():
            return report
        for edit in edits:
            os.replace(scratch / edit.new.save_as, output / edit.new.save_as)
            hold_instead(held, edit)
        report.written = True
        return report
    finally:
        discard(scratch)
        report.seconds = time.perf_counter() - started


def hold_instead(held: HeldSite, edit: Edit) -> None:
    """Hold `edit.new` where the full build's object was: the next quick page of this file
    starts from it, and the other pages' lists show it."""
    for listing in listings(edit.generator):
        for index, content in enumerate(listing):
            if content is edit.old:
                listing[index] = edit.new
    name = Path(os.path.relpath(edit.new.source_path, held.settings["PATH"])).as_posix()
    held.context["generated_content"][name] = edit.new


def read_again(held: HeldSite, path: Path) -> Edit | None:
    """Return the source at `path` read afresh, or None if its page would move or vanish."""
    name = Path(os.path.relpath(path, held.settings["PATH"])).as_posix()
    old = held.context.get("generated_content", {}).get(name)
    generator = next((g for g in held.generators if is_listed(old, g)), None)
    if old is None or generator is None or source_of(old) != os.path.realpath(path):
        return None
    try:
        new = generator.readers.read_file(
            base_path=generator.path,
            path=name,
            content_class=type(old),
            context=generator.context,
            **reading_signals(generator),
        )
    except Exception:  # noqa: BLE001 - the full build reports it, naming the file and the fix
        return None
    if (new.save_as, new.url, new.status, new.lang) != (old.save_as, old.url, old.status, old.lang):
        return None  # listed elsewhere, or at another address: the full build moves it
    finish_alone(generator, new)
    keep_site_wide(old, new)
    return Edit(generator, old, new)


def listings(generator: Any) -> list[list[Any]]:
    """Return the lists of published, listed objects a generator holds (the only ones made
    quickly)."""
    if isinstance(generator, ArticlesGenerator):
        return [generator.articles, generator.translations]
    if isinstance(generator, PagesGenerator):
        return [generator.pages, generator.translations]
    return []


def is_listed(content: Any, generator: Any) -> bool:
    return any(held is content for listing in listings(generator) for held in listing)


def reading_signals(generator: Any) -> dict[str, Any]:
    """Return the signals Pelican's generator of this kind sends around reading a file."""
    if isinstance(generator, ArticlesGenerator):
        return {
            "preread_signal": signals.article_generator_preread,
            "preread_sender": generator,
            "context_signal": signals.article_generator_context,
            "context_sender": generator,
        }
    return {
        "preread_signal": signals.page_generator_preread,
        "preread_sender": generator,
        "context_signal": signals.page_generator_context,
        "context_sender": generator,
    }


def finish_alone(generator: Any, content: Any) -> None:
    """Send the signals a generator sends once its files are read, for `content` alone.

    A generator of the same kind holds just this object, over a copy of the shared context,
    so what the plugins put there is dropped and the held site is left as it was. What they
    log is dropped too: about one file, they would log what is wrong only with the whole site
    in view (comments for "a missing article", say); the full build that follows reports it.
    """
    alone = type(generator)(
        context=dict(generator.context),
        settings=generator.settings,
        path=generator.path,
        theme=generator.theme,
        output_path=generator.output_path,
    )
    alone.env = generator.env  # its templates are compiled already
    logging.disable(logging.CRITICAL)
    try:
        if isinstance(alone, ArticlesGenerator):
            alone.articles = [content]
            signals.article_generator_pretaxonomy.send(alone)
            signals.article_generator_finalized.send(alone)
        else:
            alone.pages = [content]
            signals.page_generator_finalized.send(alone)
    finally:
        logging.disable(logging.NOTSET)


def keep_site_wide(old: Any, new: Any) -> None:
    """Give `new` what only the whole site could work out, as the full build found it for `old`."""
    missing = object()
    for name, value in vars(old).items():
        mine = vars(new).get(name, missing)
        if mine is missing or (is_empty(mine) and not is_empty(value)):
            setattr(new, name, value)


def is_empty(value: Any) -> bool:
    return isinstance(value, list | tuple | dict | set | frozenset) and not value


def write_page(edit: Edit, writer: Writer) -> Output:
    """Write the page of `edit.new` as its generator writes it in a full build."""
    generator, content = edit.generator, edit.new
    if isinstance(generator, ArticlesGenerator):
        signals.article_generator_write_article.send(generator, content=content)
        extra = {"article": content, "category": getattr(content, "category", None), "blog": True}
    else:
        signals.page_generator_write_page.send(generator, content=content)
        extra = {"page": content}
    writer.write_file(
        content.save_as,
        generator.get_template(content.template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        override_output=hasattr(content, "override_save_as"),
        url=content.url,
        **extra,
    )
    return Output(content.save_as, content, content.template)
