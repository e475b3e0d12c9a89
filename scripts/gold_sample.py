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

--set news samples the second, news-prose set (tests/gold/news.jsonl: re3d, Reuters, ECB+,
GUM news) with its own seed and a splitmix64-mixed key, leaving out every sentence of the
first set; --set articles samples the third set (tests/gold/articles.jsonl: sentences of
real web news articles, field articleBody), leaving out every sentence of the first two;
--check FILE compares a committed set's pointers with the sample (exit 1 on a
difference), so both sets stay reproducible.
"""
import argparse, collections, csv, glob, gzip, json, os, re, sys

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


def gum(shared, quota=GUM_QUOTA, seed=SEED, key=None, skip=frozenset()):
    key = key or fnv
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
                    if (genre in quota and len(text.split()) >= 6
                            and (rel, line_no) not in skip and norm(text) not in skip):
                        k = key(f"{seed}:gum:{rel}:{line_no}")
                        strata[genre][doc].append((k, {
                            "dataset": "gum", "file": rel, "line": line_no, "date": "",
                            "label": "gum-" + genre, "doc": doc, "_text": text}))
    out = []
    for genre, n in quota.items():
        out += round_robin(strata[genre], n)
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


def ecbplus(shared, quota=ECB_QUOTA, seed=SEED, key=None, skip=frozenset()):
    key = key or fnv
    base = "data/ecbplus"
    groups = collections.defaultdict(list)
    with open(os.path.join(shared, base, "ECBplus_coreference_sentences.csv")) as f:
        for row in csv.DictReader(f):
            topic, fname, sent = row["Topic"], row["File"], int(row["Sentence Number"])
            rel = f"{base}/ECB+/{topic}/{topic}_{fname}.xml"
            if (rel, sent) in skip:
                continue
            k = key(f"{seed}:ecb:{rel}:{sent}")
            groups[topic].append((k, {"dataset": "ecbplus", "file": rel, "sentence": sent,
                                        "date": "", "label": "ecbplus-t" + topic}))
    out = []
    for it in round_robin(groups, quota * 2):
        it["_text"] = ecb_sentence(os.path.join(shared, it["file"]), it["sentence"])
        if (len(it["_text"].split()) >= 6 and "http" not in it["_text"]
                and norm(it["_text"]) not in skip):
            out.append(it)
    return out[:quota]


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


def reuters(shared, quota=REUTERS_QUOTA, seed=SEED, key=None, skip=frozenset()):
    key = key or fnv
    rel = "data/corpus/reuters21578.jsonl"
    cands = []
    with open(os.path.join(shared, rel), encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            r = json.loads(line)
            spans = sentences(r.get("text", ""))[:-1]  # the last one runs into "Reuter"
            spans = [s for s in spans if 6 <= len(r["text"].encode()[s[0]:s[1]].split()) <= 60]
            if not spans or (rel, line_no) in skip:
                continue
            k = key(f"{seed}:reuters:{line_no}")
            b, e = spans[k % len(spans)]
            d = r["date"].split()[0].split("-")
            date = f"{d[2]}-{MONTHS[d[1]]:02d}-{int(d[0]):02d}"
            text = norm(r["text"].encode()[b:e].decode())
            if text in skip:
                continue
            cands.append((k, {"dataset": "reuters", "file": rel, "line": line_no, "begin": b,
                                "end": e, "date": date, "label": "reuters",
                                "_text": text}))
    return [it for _, it in sorted(cands)[:quota]]


# --- The news-prose set (tests/gold/news.jsonl, README "News prose set") ---
NEWS_SEED = "dyad-news-2026"
NEWS_RE3D_QUOTA = 60
NEWS_REUTERS_QUOTA = 40
NEWS_ECB_QUOTA = 30
NEWS_GUM_QUOTA = {"news": 20}
RE3D_SOURCES = ["Australian Department of Foreign Affairs", "CENTCOM",
                "Delegation of the European Union to Syria", "UK Government",
                "US State Department", "Wikipedia"]


def splitmix64(x):
    """The splitmix64 finaliser: spreads FNV-1a keys of near-identical strings."""
    x = (x + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


def mixed_key(s):
    return splitmix64(fnv(s))


def c_norm(s):
    """Whitespace runs (space, tab, CR, LF) become one space: the scorer's NormalizeSpace."""
    return " ".join(t for t in re.split(r"[ \t\r\n]+", s) if t)


def text_hash(s):
    return f"{fnv(c_norm(s)):016x}"


def paragraph_sentences(text):
    """Byte ranges of the sentences of a document: paragraphs (lines) split like a
    Reuters body (sentences()), the paragraph's last sentence included."""
    b = text.encode("utf-8")
    out = []
    for para in re.finditer(rb"[^\n]+", b):
        p0 = para.start()
        chunk = para.group(0).decode("utf-8")
        spans = sentences(chunk)
        tail = spans[-1][1] if spans else 0
        while tail < len(para.group(0)) and para.group(0)[tail:tail + 1].isspace():
            tail += 1
        end = len(para.group(0).rstrip())
        if tail < end:
            spans.append((tail, end))
        out += [(p0 + x, p0 + y) for x, y in spans]
    return out


def re3d(shared, quota=NEWS_RE3D_QUOTA):
    """Sentences of >= 6 words of the re3d documents, round-robin over the source folders."""
    groups = {}
    for src in RE3D_SOURCES:
        rel = f"data/re3d/{src}/documents.json"
        groups[src] = []
        with open(os.path.join(shared, rel), encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                text = json.loads(line)["text"]
                raw = text.encode("utf-8")
                for b, e in paragraph_sentences(text):
                    sent = raw[b:e].decode("utf-8")
                    if len(sent.split()) < 6:
                        continue
                    k = mixed_key(f"{NEWS_SEED}:re3d:{rel}:{line_no}:{b}")
                    groups[src].append((k, {"dataset": "re3d", "file": rel, "line": line_no,
                                            "begin": b, "end": e, "date": "",
                                            "label": "re3d-" + src, "_text": c_norm(sent)}))
    return round_robin(groups, quota)


def old_pointers(shared):
    """Pointers and texts of the first set's GUM, ECB+ and Reuters sentences (excluded)."""
    skip = set()
    for it in gum(shared) + ecbplus(shared) + reuters(shared):
        skip.add((it["file"], it.get("line", it.get("sentence"))))
        skip.add(norm(it["_text"]))
    return frozenset(skip)


def news_set(shared):
    skip = old_pointers(shared)
    items = re3d(shared)
    items += reuters(shared, NEWS_REUTERS_QUOTA, NEWS_SEED, mixed_key, skip)
    items += ecbplus(shared, NEWS_ECB_QUOTA, NEWS_SEED, mixed_key, skip)
    items += gum(shared, NEWS_GUM_QUOTA, NEWS_SEED, mixed_key, skip)
    out = []
    for i, it in enumerate(items, 1):
        out.append(dict({"id": f"n{i:04d}"}, **it, hash=text_hash(it["_text"])))
    return out


# --- The articles set (tests/gold/articles.jsonl, README "Articles set") ---
ARTICLES_SEED = "dyad-articles-2026"
ARTICLES_FILE = "data/html-articles/truth.jsonl"
ARTICLES_FIELD = "articleBody"
ARTICLES_QUOTA = 200
ARTICLES_PER_DOC = 2
# A sentence ends at . ! ? (closing quotes and brackets kept) before a space and a capital,
# a digit or an opening quote or bracket.
ARTICLE_END_RE = re.compile(
    rb"[.!?](?:[\"')]|\xe2\x80\x9d|\xe2\x80\x99)*(?=\s+(?:[A-Z0-9\"(]|\xe2\x80\x9c))")


def article_sentences(text):
    """Byte ranges of the sentences of a web article body: paragraphs (lines) split at
    ARTICLE_END_RE unless the word before is an abbreviation or one letter ("5500M." ends
    a sentence: a letter after a digit is no initial)."""
    b = text.encode("utf-8")
    out = []
    for para in re.finditer(rb"[^\n]+", b):
        p, start = para.group(0), 0
        for m in ARTICLE_END_RE.finditer(p):
            word = re.search(rb"(?<![A-Za-z0-9])([A-Za-z.]+)$", p[start:m.start()])
            if word and (word.group(1).lower().decode() in ABBREV or len(word.group(1)) == 1):
                continue
            out.append((para.start() + start, para.start() + m.end()))
            start = m.end()
            while start < len(p) and p[start:start + 1].isspace():
                start += 1
        end = len(p.rstrip())
        if start < end:
            out.append((para.start() + start, para.start() + end))
    return out


def other_set_texts(shared):
    """Normalised texts of every sentence of the first two sets (left out of the third)."""
    items = current_events(shared) + gum(shared) + ecbplus(shared) + reuters(shared)
    return frozenset(norm(it["_text"]) for it in items + news_set(shared))


def outlet(url):
    host = re.sub(r"^https?://", "", url).split("/")[0]
    return re.sub(r"^www\.", "", host)


def articles_set(shared):
    """At most ARTICLES_PER_DOC sentences of 6-60 words per article, lowest mixed keys,
    round-robin over the articles (ordered by their lowest sentence key)."""
    skip = other_set_texts(shared)
    groups = {}
    with open(os.path.join(shared, ARTICLES_FILE), encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            r = json.loads(line)
            raw = r.get(ARTICLES_FIELD, "").encode("utf-8")
            cands = []
            for b, e in article_sentences(r.get(ARTICLES_FIELD, "")):
                text = raw[b:e].decode("utf-8")
                if not 6 <= len(text.split()) <= 60 or norm(text) in skip:
                    continue
                k = mixed_key(f"{ARTICLES_SEED}:articles:{line_no}:{b}")
                cands.append((k, {"dataset": "html-articles", "file": ARTICLES_FILE,
                                  "field": ARTICLES_FIELD, "line": line_no, "begin": b,
                                  "end": e, "date": "", "label": outlet(r.get("url", "")),
                                  "_text": c_norm(text)}))
            if cands:
                groups[line_no] = sorted(cands)[:ARTICLES_PER_DOC]
    items = round_robin(groups, ARTICLES_QUOTA)
    return [dict({"id": f"a{i:04d}"}, **it, hash=text_hash(it["_text"]))
            for i, it in enumerate(items, 1)]


def check(items, path):
    """Exit status 1 unless `path` holds exactly these pointers (its annotations aside)."""
    with open(path, encoding="utf-8") as f:
        have = [json.loads(line) for line in f if line.strip() and not line.startswith("#")]
    want = [{k: v for k, v in it.items() if k != "_text"} for it in items]
    fields = [{k: v for k, v in h.items() if k != "events"} for h in have]
    for i, (w, h) in enumerate(zip(want, fields)):
        if {k: v for k, v in h.items() if k in w} != w or h.keys() - w.keys() - {"hash"}:
            print(f"{path}:{i + 1}: pointer differs from the sample: {w}")
            return 1
    if len(want) != len(fields):
        print(f"{path}: {len(fields)} records, the sample has {len(want)}")
        return 1
    print(f"{path}: {len(want)} records match the sample")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../shared"))
    ap.add_argument("--with-text", action="store_true")
    ap.add_argument("--set", choices=["events", "news", "articles"], default="events",
                    help="events: tests/gold/events.jsonl (g ids); news: tests/gold/news.jsonl; "
                    "articles: tests/gold/articles.jsonl")
    ap.add_argument("--check", metavar="FILE",
                    help="compare FILE's pointers with the sample instead of printing")
    a = ap.parse_args()
    if a.set == "news":
        items = news_set(a.shared)
    elif a.set == "articles":
        items = articles_set(a.shared)
    else:
        items = current_events(a.shared) + gum(a.shared) + ecbplus(a.shared) + reuters(a.shared)
        items = [dict(it, id=f"g{i:04d}") for i, it in enumerate(items, 1)]
    if a.check:
        return check(items, a.check)
    for it in items:
        if not a.with_text:
            it = {k: v for k, v in it.items() if k != "_text"}
        print(json.dumps(it, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
