"""PROTOTYPE (measurement only): index pages with Pagefind's Python API while Pelican writes."""

import asyncio
import os
import re
import threading
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

GLOB_SPECIAL = re.compile(r"([\\*?$:<>()\[\]{},!#])")
BATCH = int(os.environ.get("PF_BATCH", "150"))


def glob_of(paths: list[str]) -> str:
    return "{" + ",".join(GLOB_SPECIAL.sub(r"\\\1", p) for p in paths) + "}"


class OverlappedIndex:
    def __init__(self, site: Path, language: str) -> None:
        self.site = site
        self.language = language
        self.loop = asyncio.new_event_loop()
        self.pending: list[str] = []
        self.fed: set[str] = set()
        self.pages = 0
        self.busy = False
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.loop.run_forever, name="pagefind", daemon=True)
        self.thread.start()
        self.started = asyncio.run_coroutine_threadsafe(self.start(), self.loop)

    async def start(self) -> None:
        config = IndexConfig(force_language=self.language) if self.language else IndexConfig()
        self.index = PagefindIndex(config)
        await self.index.__aenter__()

    def page_written(self, path: str) -> None:
        self.loop.call_soon_threadsafe(self.add, path)

    def add(self, path: str) -> None:  # in the loop's thread
        relative = os.path.relpath(path, self.site)
        if relative in self.fed:
            return
        self.fed.add(relative)
        self.pending.append(relative)
        if len(self.pending) >= BATCH and not self.busy:
            self.busy = True  # one request at a time: set before the task starts
            self.loop.create_task(self.send())

    async def send(self) -> None:
        try:
            while not hasattr(self, "index"):
                await asyncio.sleep(0.01)
            while self.pending:
                batch, self.pending = self.pending[:BATCH], self.pending[BATCH:]
                done = await self.index.add_directory(str(self.site), glob=glob_of(batch))
                self.pages += done["page_count"]
                if len(self.pending) < BATCH:
                    break
        except BaseException as error:
            self.error = error
        finally:
            self.busy = False

    async def finish(self, bundle_dir: str, rest: list[str]) -> int:
        while self.busy:
            await asyncio.sleep(0.01)
        try:
            self.pending += [r for r in rest if r not in self.fed]
            self.busy = True
            while self.pending and not self.error:
                await self.send()
            if not self.error:
                await self.index.write_files(str(self.site / bundle_dir))
        finally:
            await self.index.__aexit__(RuntimeError, None, None)  # closes without writing again
        return self.pages

    def close(self, bundle_dir: str) -> int:
        self.started.result()
        bundle = self.site / bundle_dir
        rest = sorted(
            p.relative_to(self.site).as_posix()
            for p in self.site.rglob("*.html")
            if p.is_file() and not p.is_relative_to(bundle)
        )
        try:
            pages = asyncio.run_coroutine_threadsafe(self.finish(bundle_dir, rest), self.loop).result()
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join()
        if self.error:
            raise self.error
        return pages
