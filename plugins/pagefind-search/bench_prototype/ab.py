"""Paired interleaved A/B: our first build without related, Pagefind by CLI vs overlapped."""
import json, os, shutil, statistics, sys
from pathlib import Path
from coaching_kb.bench.suite import run_once
content = Path(sys.argv[1]); rounds = int(sys.argv[2]); config = sys.argv[3] if len(sys.argv) > 3 else "ours_without_related"
work = Path("/tmp/pfover/ab"); rows = []
for n in range(rounds):
    row = {}
    order = ["cli", "overlap"] if n % 2 == 0 else ["overlap", "cli"]
    for variant in order + ["pelican_then_pagefind"]:
        out = work / f"{variant}-{n}" / "output"; shutil.rmtree(out.parent, ignore_errors=True)
        os.environ["PF_OVERLAP"] = "1" if variant == "overlap" else "0"
        r = run_once(config if variant != "pelican_then_pagefind" else variant, content, out, work / "related")
        row[variant] = {"s": r["process_s"], "cpu": r["cpu_s"], "pf": r["plugins"].get("pagefind_search")}
        shutil.rmtree(out.parent, ignore_errors=True)
    print(json.dumps(row), flush=True); rows.append(row)
med = lambda f: round(statistics.median(f(r) for r in rows), 3)
for m in ("s", "cpu"):
    print(m, "cli", med(lambda r: r["cli"][m]), "overlap", med(lambda r: r["overlap"][m]),
          "overlap/cli", med(lambda r: r["overlap"][m] / r["cli"][m]),
          "cli/pp", med(lambda r: r["cli"][m] / r["pelican_then_pagefind"][m]),
          "overlap/pp", med(lambda r: r["overlap"][m] / r["pelican_then_pagefind"][m]))
