#!/usr/bin/env python3
"""Tag accuracy and the most frequent XPOS confusions of a tagged CoNLL-U file.

Usage: bench/tagger_confusion.py GOLD.conllu TAGGED.conllu [TAG,TAG,...]

TAGGED is `dyad parse [--tagger M] GOLD.conllu` (same syntactic words, predicted
UPOS/XPOS). Prints UPOS/XPOS accuracy over every syntactic word, the errors among
the given tags (default VBN,VBD,JJ: the participle/past/adjective confusion that
hides passives from the parser), and the 20 most frequent confusions involving
those tags, each with how many follow a form of be/get among the 3 previous words.
"""
import collections
import sys

BE_GET = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "'m",
          "get", "gets", "got", "gotten", "getting"}


def sentences(path):
    """Yields each sentence as a list of (form, upos, xpos) of its syntactic words."""
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                sent.append((cols[1], cols[3], cols[4]))
            elif not line.strip() and sent:
                yield sent
                sent = []
    if sent:
        yield sent


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    tags = set(sys.argv[3].split(",")) if len(sys.argv) == 4 else {"VBN", "VBD", "JJ"}
    conf, after_aux = collections.Counter(), collections.Counter()
    words = upos = xpos = 0
    for gold, pred in zip(sentences(sys.argv[1]), sentences(sys.argv[2])):
        if len(gold) != len(pred):
            sys.exit("sentences differ in length: %s" % " ".join(w[0] for w in gold))
        for i, (g, p) in enumerate(zip(gold, pred)):
            words += 1
            upos += g[1] == p[1]
            xpos += g[2] == p[2]
            if g[2] != p[2] and (g[2] in tags or p[2] in tags):
                conf[(g[2], p[2])] += 1
                if any(gold[j][0].lower() in BE_GET for j in range(max(0, i - 3), i)):
                    after_aux[(g[2], p[2])] += 1
    print("words %d  UPOS %.2f  XPOS %.2f" % (words, 100.0 * upos / words, 100.0 * xpos / words))
    inner = [k for k in conf if k[0] in tags and k[1] in tags]
    print("errors among %s: %d (after be/get: %d)" % (",".join(sorted(tags)),
          sum(conf[k] for k in inner), sum(after_aux[k] for k in inner)))
    for (g, p), n in conf.most_common(20):
        print("  gold %-5s -> %-5s %5d  after be/get %d" % (g, p, n, after_aux[(g, p)]))


if __name__ == "__main__":
    main()
