"""Reading content as every stage sees it: front matter, paths, slugs and data files."""
