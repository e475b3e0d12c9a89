#!/usr/bin/env python3
"""Coverage report for dictionary work on the Wikipedia current-events portal.

Samples bullets of one section (by default "Armed conflicts and attacks") with a
seed of its own, leaving out every bullet `dyad eval weak` measures (same key as
src/eval/weak.cc), so dictionary work is not tuned to the measure. Codes them with
`dyad code --flat -q` and prints either the bullets that give no conflict event
(--misses), or the ones that do give a material-conflict event (--hits, for the
non-political sections), each with the rule that fired, and a tally of the verbs
of the bullets that missed (to find verbs the dictionary lacks).

    python3 scripts/weak_coverage.py --section "Armed conflicts and attacks" -n 400
    python3 scripts/weak_coverage.py --section Sports -n 1500 --hits

Reads ../shared/data/current-events/current-events-2002-2021.jsonl.gz; writes
nothing but a temporary JSONL file.
"""
import argparse
import collections
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

ALIAS = {
    "Armed conflict and attacks": "Armed conflicts and attacks",
    "Disasters": "Disasters and accidents",
    "Sport": "Sports",
    "Politics": "Politics and elections",
    "Business and economics": "Business and economy",
    "Science": "Science and technology",
    "Health": "Health and environment",
    "Health and medicine": "Health and environment",
}
CONFLICT = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE"}
M64 = (1 << 64) - 1


def weak_key(s):
    """src/eval/weak.cc Key(): FNV-1a-64 then the splitmix64 finaliser."""
    h = 0xCBF29CE484222325
    for c in s.encode():
        h = ((h ^ c) * 0x100000001B3) & M64
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & M64
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & M64
    return h ^ (h >> 31)


def unflagged_heading(text):
    """A story heading the portal's flag misses, as src/eval/weak.cc's
    IsUnflaggedHeading: "War in Afghanistan (2001–2021)"."""
    t = text.rstrip(" \n")
    if not t.endswith(")") or any(c in t for c in ".!?") or "(" not in t:
        return False
    if t.count(" ") > 11:
        return False
    span = t[t.rfind("(") + 1:-1]
    return "present" in span or re.search(r"\d{4}", span) is not None


def load(path, section, n, seed, eval_seed, eval_n):
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            j = json.loads(line)
            if j.get("likely_story_heading") or unflagged_heading(j.get("text", "")):
                continue
            sec = ALIAS.get(j.get("category", ""), j.get("category", ""))
            if sec != section:
                continue
            rows.append((line_no, j))
    # The bullets `dyad eval weak` samples: the eval_n of lowest key.
    held = sorted(rows, key=lambda r: weak_key(f"{eval_seed}:{r[0]}"))[:eval_n]
    held = {r[0] for r in held}
    mine = [r for r in rows if r[0] not in held]
    mine.sort(key=lambda r: hashlib.sha1(f"{seed}:{r[0]}".encode()).hexdigest())
    return mine[:n]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--section", default="Armed conflicts and attacks")
    ap.add_argument("-n", type=int, default=400)
    ap.add_argument("--seed", default="verbs-dev-1")
    ap.add_argument("--eval-seed", default="dyad-weak-2026")
    ap.add_argument("--eval-n", type=int, default=2000)
    ap.add_argument("--hits", action="store_true", help="list bullets giving a material-conflict event")
    ap.add_argument("--misses", action="store_true", help="list bullets giving no conflict event")
    ap.add_argument("--parse", action="store_true")
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--data", default="../shared/data/current-events/current-events-2002-2021.jsonl.gz")
    a = ap.parse_args()

    sample = load(a.data, a.section, a.n, a.seed, a.eval_seed, a.eval_n)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        for line_no, j in sample:
            tmp.write(json.dumps({"id": f"ce{line_no}", "date": j["date"], "text": j["text"]}) + "\n")
    cmd = [a.dyad, "code", tmp.name, "--flat", "-q"] + (["--parse"] if a.parse else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    os.unlink(tmp.name)
    events = collections.defaultdict(list)
    for line in out.splitlines():
        if not line.strip():
            continue
        e = json.loads(line)
        events[e.get("article_id") or e.get("id") or e.get("doc_id")].append(e)

    conflict = material = 0
    verbs = collections.Counter()
    for line_no, j in sample:
        evs = events.get(f"ce{line_no}", [])
        is_conf = any((e.get("plover") or {}).get("event") in CONFLICT for e in evs)
        mat = [e for e in evs if e.get("quad_class") == 4]
        conflict += is_conf
        material += bool(mat)
        if a.hits and mat:
            for e in mat:
                print(f"HIT ce{line_no} {e.get('cameo')} {e.get('rule', '')} | {(e.get('source') or {}).get('text', '')} -> "
                      f"{(e.get('target') or {}).get('text', '')}")
            print("    ", j["text"][:300])
        if not is_conf:
            words = re.findall(r"[a-z]+", j["text"].lower())
            verbs.update(set(words))
            if a.misses:
                got = ",".join(str(e.get("cameo")) for e in evs)
                print(f"MISS ce{line_no} [{got}] {j['text'][:300]}")
    n = len(sample)
    print(f"{a.section}: {n} bullets, conflict {100 * conflict / n:.1f}%, "
          f"material conflict {100 * material / n:.1f}%", file=sys.stderr)
    if a.misses:
        print("frequent words in misses:", ", ".join(f"{w}:{c}" for w, c in verbs.most_common(150)
                                                     if len(w) > 3), file=sys.stderr)


if __name__ == "__main__":
    main()
