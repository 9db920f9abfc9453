#!/usr/bin/env python3
"""The book's sentence-classification task for `aprendiz finetune-bert`: which chapter does a sentence come from?

    /work/venv/bin/python Tools/make_chapter_task.py BOOK.txt chapters-train.tsv chapters-test.tsv

The three chapters of the book's text long enough to learn from (§6 backpropagation and the gradient optimizers,
§7 sigmoidal activations, §8 rectifiers; the others are a few headings) are cut into sentences (at '.', '!' or '?'
followed by white space; 40 to 400 characters kept). In each chapter the first 80 % of the sentences train and the
last 20 % test, so test sentences come from passages the classifier never saw. Writes 'label<TAB>sentence' lines.
The book's text is not bundled (unknown licence): pass your own copy; the files are not committed either.
"""
import re
import sys

CHAPTERS = [("cap6-retropropagacao", r"^6 O Algoritmo da Retropropaga"), ("cap7-sigmoidais", r"^7 Fun\S+ de Ativa\S+ Sigmoidais"),
            ("cap8-retificadoras", r"^8 Fun\S+ de Ativa\S+ Retificadoras"), (None, r"^9 Fun\S+ de Ativa\S+ Modernas")]


def main(book, train_path, test_path):
    lines = open(book, encoding="utf-8").read().split("\n")
    starts = []
    for label, pattern in CHAPTERS:
        found = [i for i, line in enumerate(lines) if re.match(pattern, line)]
        if not found:
            sys.exit(f"{book}: no heading matching {pattern!r}")
        starts.append((label, found[-1]))  # the last match: the chapter itself, not the table of contents
    train, test = [], []
    for (label, start), (_, end) in zip(starts, starts[1:]):
        text = " ".join(line.strip() for line in lines[start + 1:end]).replace("\t", " ")
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 <= len(s.strip()) <= 400]
        split = len(sentences) * 8 // 10
        train += [(label, s) for s in sentences[:split]]
        test += [(label, s) for s in sentences[split:]]
        print(f"{label}: {split} training, {len(sentences) - split} test sentences")
    for path, rows in ((train_path, train), (test_path, test)):
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(f"{label}\t{sentence}\n" for label, sentence in rows)
    print("wrote", train_path, test_path)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
