"""The toolkit behind the coaching knowledge base: what an author or site owner runs.

The modules follow the pipeline: `content` (read: front matter, paths, slugs, the data
files every stage shares) → `check` → `build` → `verify` → `serve` / publish; beside it
`scaffold` (new posts), `importer`, `moderation` (reader comments), `screenshots` and `bench`.
Pelican plugins live in the project's `plugins/` folder and may import from here; this
package reaches them only through Pelican.
"""
