#!/usr/bin/env python3
"""Scores a parsed CoNLL-U file (`dyad parse`) against the gold file.

Usage: bench/parser_score.py GOLD.conllu PARSED.conllu

Counts every syntactic word (integer IDs; multiword ranges and empty nodes are
skipped), punctuation included, as dyad's EvaluateParser does: UAS = right
HEAD; LAS = right HEAD and full DEPREL with subtype; LAS-u = right HEAD and the
universal part of DEPREL (as the CoNLL 2018 script). Also prints, per gold
relation the event coder reads most, the share of its words with the right
HEAD and relation (recall-based LAS per relation), and the scores per sentence
group (EWT: the sent_id up to '-'; GUM: the genre of GUM_<genre>_...).
"""
import collections
import sys

KEY_RELATIONS = ["nsubj", "nsubj:pass", "obj", "obl", "nmod", "nmod:poss", "conj", "root"]


def read(path):
    """Yields (group, [(head, deprel)]) per sentence."""
    group, words = "", []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield group, words
                group, words = "", []
                continue
            if line.startswith("# sent_id = "):
                sid = line[len("# sent_id = "):]
                if sid.startswith("GUM_"):
                    group = sid[4:].split("_")[0]
                else:
                    group = sid.replace("_", "-").split("-")[0]
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            words.append((cols[6], cols[7]))
    if words:
        yield group, words


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    total = collections.Counter()
    groups = collections.defaultdict(collections.Counter)
    rel = collections.defaultdict(collections.Counter)
    for (group, gold), (_, pred) in zip(read(sys.argv[1]), read(sys.argv[2]), strict=True):
        if len(gold) != len(pred):
            sys.exit("sentence lengths differ in group %s" % group)
        for (gh, gd), (ph, pd) in zip(gold, pred):
            c = collections.Counter(words=1)
            if gh == ph:
                c["uas"] = 1
                c["las"] = int(gd == pd)
                c["lasu"] = int(gd.split(":")[0] == pd.split(":")[0])
            total.update(c)
            groups[group].update(c)
            rel[gd].update(c)

    def line(name, c):
        n = c["words"]
        return "%-12s UAS %.2f  LAS %.2f  LAS-u %.2f  (%d words)" % (
            name, 100 * c["uas"] / n, 100 * c["las"] / n, 100 * c["lasu"] / n, n)

    print(line("all", total))
    for r in KEY_RELATIONS:
        if rel[r]["words"]:
            print(line("  " + r, rel[r]))
    for g in sorted(groups):
        print(line("  [%s]" % g, groups[g]))


if __name__ == "__main__":
    main()
