#!/usr/bin/env python3
"""Deterministic, stratified sample of real sentences for the development gold set.

Reads ../shared/data in place and prints one JSON pointer per sentence (dataset, file,
line/sentence/byte range, weak label, date) -- plus, with --with-text, the sentence
text for the annotator's eyes only (never commit that output: nothing of ../shared
goes into the repository). tests/gold/README.md documents the scheme.

Selection: every candidate gets the key FNV-1a-64("<seed>:<dataset>:<pointer>"); within a
stratum the candidates are ordered by key and taken round-robin over the stratum's
sub-strata (years for current events, documents for GUM/ECB+), so no year or document
dominates. Nothing is chosen by hand.
"""
import argparse, collections, csv, glob, gzip, json, os, re

SEED = "dyad-gold-2026"
CE_QUOTA = collections.OrderedDict([
    ("Armed conflicts and attacks", 70), ("Politics and elections", 50),
    ("Law and crime", 50), ("International relations", 45),
    ("Disasters and accidents", 35), ("Business and economy", 25),
    ("Health and environment", 15), ("Sports", 15), ("Arts and culture", 15),
    ("Science and technology", 15), ("Uncategorized", 10)])
SECTION_ALIASES = {"Armed conflict and attacks": "Armed conflicts and attacks",
                   "Disasters": "Disasters and accidents", "Sport": "Sports",
                   "Politics": "Politics and elections",
                   "Business and economics": "Business and economy",
                   "Science": "Science and technology", "Health": "Health and environment",
                   "Health and medicine": "Health and environment"}
GUM_QUOTA = {"news": 40, "speech": 20, "interview": 10}
ECB_QUOTA = 60
REUTERS_QUOTA = 50


def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def norm(s):
    return " ".join(s.split())


def round_robin(groups, n):
    """groups: {sub: [(key, item)]}; takes n items, lowest key first within each sub."""
    queues = [sorted(v) for _, v in sorted(groups.items(), key=lambda kv: min(kv[1])[0])]
    out, i = [], 0
    while len(out) < n and any(queues):
        q = queues[i % len(queues)]
        if q:
            out.append(q.pop(0)[1])
        i += 1
    return out


def first_sentence(text):
    """Byte range of a bullet's first sentence: up to the first sentence end that is
    followed by a capital or "(" (a trailing "(Reuters)" is thus left out)."""
    b = text.encode("utf-8")
    for m in re.finditer(rb"[.!?](?=[\"\xe2\x80\x9d)]*\s+[A-Z(])", b):
        word = re.search(rb"([A-Za-z.]+)$", b[:m.start()])
        if word and (word.group(1).lower().decode() in ABBREV or len(word.group(1)) == 1):
            continue
        return 0, m.end()
    return 0, len(b)


def current_events(shared):
    rel = "data/current-events/current-events-2002-2021.jsonl.gz"
    strata = collections.defaultdict(lambda: collections.defaultdict(list))
    with gzip.open(os.path.join(shared, rel), "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            r = json.loads(line)
            sec = SECTION_ALIASES.get(r["category"], r["category"])
            text = r["text"]
            if sec not in CE_QUOTA or r.get("likely_story_heading") or len(text) < 40:
                continue
            key = fnv(f"{SEED}:ce:{line_no}")
            b, e = first_sentence(text)  # the bullet's first sentence, no "(Outlet)" tail
            item = {"dataset": "current-events", "file": rel, "line": line_no,
                    "begin": b, "end": e, "date": r["date"], "label": sec,
                    "_text": norm(text.encode("utf-8")[b:e].decode("utf-8"))}
            strata[sec][r["date"][:4]].append((key, line_no, item))
    out = []
    for sec, quota in CE_QUOTA.items():
        groups = {y: [(k, it) for k, _, it in v] for y, v in strata[sec].items()}
        out += round_robin(groups, quota)
    return out


def gum(shared):
    strata = collections.defaultdict(lambda: collections.defaultdict(list))
    for path in sorted(glob.glob(os.path.join(shared, "data/gum/*.conllu"))):
        rel = os.path.relpath(path, shared)
        doc = ""
        with open(path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                if line.startswith("# newdoc id"):
                    doc = line.split("=", 1)[1].strip()
                elif line.startswith("# text = "):
                    genre = doc.split("_")[1] if doc.count("_") >= 2 else ""
                    text = line[len("# text = "):].rstrip("\n")
                    if genre in GUM_QUOTA and len(text.split()) >= 6:
                        key = fnv(f"{SEED}:gum:{rel}:{line_no}")
                        strata[genre][doc].append((key, {
                            "dataset": "gum", "file": rel, "line": line_no, "date": "",
                            "label": "gum-" + genre, "doc": doc, "_text": text}))
    out = []
    for genre, quota in GUM_QUOTA.items():
        out += round_robin(strata[genre], quota)
    return out


TOKEN_RE = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">(.*?)</token>')
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "%", ")", "]", "'s", "n't", "'re", "'ll",
                   "'ve", "'d", "'m", "''"}
NO_SPACE_AFTER = {"(", "[", "$", "``"}


def unescape(t):
    return (t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def ecb_sentence(path, sent):
    """The scorer's exact rule (src/eval/gold_text.cc): tokens joined by spaces, none
    before closing punctuation and clitics, none after opening brackets and '$'."""
    out, prev = "", None
    with open(path, encoding="utf-8") as f:
        for m in TOKEN_RE.finditer(f.read()):
            if int(m.group(1)) != sent:
                continue
            tok = unescape(m.group(2))
            if out and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
                out += " "
            out += tok
            prev = tok
    return out


def ecbplus(shared):
    base = "data/ecbplus"
    groups = collections.defaultdict(list)
    with open(os.path.join(shared, base, "ECBplus_coreference_sentences.csv")) as f:
        for row in csv.DictReader(f):
            topic, fname, sent = row["Topic"], row["File"], int(row["Sentence Number"])
            rel = f"{base}/ECB+/{topic}/{topic}_{fname}.xml"
            key = fnv(f"{SEED}:ecb:{rel}:{sent}")
            groups[topic].append((key, {"dataset": "ecbplus", "file": rel, "sentence": sent,
                                        "date": "", "label": "ecbplus-t" + topic}))
    out = []
    for it in round_robin(groups, ECB_QUOTA * 2):
        it["_text"] = ecb_sentence(os.path.join(shared, it["file"]), it["sentence"])
        if len(it["_text"].split()) >= 6 and "http" not in it["_text"]:
            out.append(it)
    return out[:ECB_QUOTA]


ABBREV = {"u.s", "mr", "corp", "inc", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept",
          "oct", "nov", "dec", "dlrs", "st", "no", "u.k", "vs", "dr", "gen", "sen", "rep"}
MONTHS = {m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                                      "SEP", "OCT", "NOV", "DEC"], 1)}


def sentences(text):
    """Byte ranges of the sentences of a Reuters body (ASCII in practice)."""
    b = text.encode("utf-8")
    spans, start = [], 0
    for m in re.finditer(rb"[.!?](?=\s+[A-Z\"])", b):
        word = re.search(rb"([A-Za-z.]+)$", b[start:m.start()])
        if word and (word.group(1).lower().decode() in ABBREV or len(word.group(1)) == 1):
            continue
        spans.append((start, m.end()))
        start = m.end()
        while start < len(b) and b[start:start + 1].isspace():
            start += 1
    return spans


def reuters(shared):
    rel = "data/corpus/reuters21578.jsonl"
    cands = []
    with open(os.path.join(shared, rel), encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            r = json.loads(line)
            spans = sentences(r.get("text", ""))[:-1]  # the last one runs into "Reuter"
            spans = [s for s in spans if 6 <= len(r["text"].encode()[s[0]:s[1]].split()) <= 60]
            if not spans:
                continue
            key = fnv(f"{SEED}:reuters:{line_no}")
            b, e = spans[key % len(spans)]
            d = r["date"].split()[0].split("-")
            date = f"{d[2]}-{MONTHS[d[1]]:02d}-{int(d[0]):02d}"
            cands.append((key, {"dataset": "reuters", "file": rel, "line": line_no, "begin": b,
                                "end": e, "date": date, "label": "reuters",
                                "_text": norm(r["text"].encode()[b:e].decode())}))
    return [it for _, it in sorted(cands)[:REUTERS_QUOTA]]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../shared"))
    ap.add_argument("--with-text", action="store_true")
    a = ap.parse_args()
    items = current_events(a.shared) + gum(a.shared) + ecbplus(a.shared) + reuters(a.shared)
    for i, it in enumerate(items, 1):
        it = dict(it, id=f"g{i:04d}")
        if not a.with_text:
            it.pop("_text")
        print(json.dumps(it, ensure_ascii=False))


if __name__ == "__main__":
    main()
