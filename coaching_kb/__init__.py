"""The toolkit behind the coaching knowledge base: what an author or site owner runs.

The modules follow the pipeline: `content` (read: front matter, paths, slugs, the data
files every stage shares) → `check` → `build` → `verify` → `serve` / publish; beside it
`scaffold` (new posts), `importer`, `moderation` (reader comments), `screenshots` and `bench`.
Pelican plugins live in the project's `plugins/` folder and may import from here; this
package reaches them only through Pelican.
"""

import os

# numpy's OpenBLAS starts a thread per core, and each waits by spinning: on a small site that
# was 0.3 s of processor time, a third of its build, while one thread relates 1,000 articles
# as fast (measured on 2 cores). Set before any plugin imports numpy; the owner's own wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
