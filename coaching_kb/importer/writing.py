"""Write planned files safely: atomically, the same bytes every run, never over a changed file."""

import glob
from dataclasses import dataclass
from pathlib import Path

from coaching_kb.content.safe_write import write_text
from coaching_kb.errors import SiteError

from .lines import decode
from .planning import PageReport, PlannedFile, plan_page


@dataclass
class ImportRun:
    """What an import did: each page's report, each file's fate, the unreadable inputs."""

    reports: list[PageReport]
    files: list[tuple[Path, str]]
    errors: list[str]


def expand_inputs(patterns: list[str]) -> list[Path]:
    """Return the files named by paths, folders (every .txt inside) and globs, in order."""
    found: list[Path] = []
    for pattern in filter(None, patterns):
        path = Path(pattern)
        if path.is_dir():
            found += sorted(path.glob("*.txt"))
        elif any(c in pattern for c in "*?["):
            found += sorted(Path(p) for p in glob.glob(pattern))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def import_pages(
    paths: list[Path], dest: Path, *, force: bool = False, dry_run: bool = False
) -> ImportRun:
    """Import each page into `dest`; unreadable pages are reported and the rest still import."""
    run = ImportRun([], [], [])
    planned: dict[str, PlannedFile] = {}
    for path in paths:
        try:
            text = decode(path.read_bytes(), str(path))
        except (SiteError, OSError) as error:
            run.errors.append(str(error) if isinstance(error, SiteError) else f"{path}: {error}")
            continue
        files, report = plan_page(path.name, text)
        run.reports.append(report)
        for planned_file in files:
            planned.setdefault(planned_file.path, planned_file)  # first page's profile wins
    for planned_file in planned.values():
        run.files.append(write_one(dest / planned_file.path, planned_file.text, force, dry_run))
    return run


def write_one(path: Path, text: str, force: bool, dry_run: bool) -> tuple[Path, str]:
    """Write one file unless that would lose the user's edits; return what happened."""
    if path.exists():
        current = path.read_text(encoding="utf-8", errors="replace")
        if current == text:
            return path, "unchanged"
        if not force:
            return path, "kept (it differs from the import; pass --force to replace it)"
    if dry_run:
        return path, "would write"
    write_text(path, text, overwrite=True)
    return path, "written"
