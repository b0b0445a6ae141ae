#!/usr/bin/env python3
"""Assembles the seed inputs of one fuzz harness into a directory.

usage: fuzz/seeds.py NAME DIR   (run from the repository's root)

Seeds come from corpus/, the hand-written fuzz/seeds/, the string literals
of the unit tests (tests/test_*.c), and, when it is there, a few files of
../shared/corpus/bbc: read in place, never copied into the repository.
"""
import glob
import hashlib
import os
import re
import sys

FORMAT_BYTE = {".txt": 0, ".md": 1, ".jsonl": 2, ".html": 3}
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
ESCAPES = {"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0", "\\": b"\\", '"': b'"', "'": b"'",
           "f": b"\f", "v": b"\v"}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def c_string(body):
    """The bytes of a C string literal's body (\\x takes at most two digits)."""
    out, i = bytearray(), 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        e = body[i + 1]
        if e == "x":
            m = re.match(r"[0-9a-fA-F]{1,2}", body[i + 2:])
            out.append(int(m.group(0), 16))
            i += 2 + len(m.group(0))
        else:
            out += ESCAPES.get(e, e.encode())
            i += 2
    return bytes(out)


def literals(*tests):
    """The string literals of the tests, adjacent ones joined."""
    for t in tests:
        src = read(t).decode("utf-8", "replace")
        for run in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', src):
            s = b"".join(c_string(m.group(1)) for m in LITERAL.finditer(run.group(0)))
            if len(s) >= 2:
                yield s


def lines(path):
    return [l for l in read(path).split(b"\n") if l.strip()]


def articles():
    """(extension, bytes) of every sample article."""
    for p in sorted(glob.glob("corpus/*") + glob.glob("corpus/*/*") + glob.glob("fuzz/seeds/html/*")):
        ext = os.path.splitext(p)[1]
        if os.path.isfile(p) and ext in FORMAT_BYTE:
            yield ext, read(p)
    bbc = sorted(glob.glob("../shared/corpus/bbc/*/*.txt"))[:40]
    for p in bbc:
        yield ".txt", read(p)


def seeds(name):
    arts = list(articles())
    queries = lines("fuzz/seeds/queries.txt")
    quotes = lines("fuzz/seeds/quotes.txt")
    if name == "article":
        for ext, b in arts:
            yield bytes([FORMAT_BYTE[ext]]) + b
            if ext == ".jsonl":
                for l in b.split(b"\n")[:20]:
                    yield bytes([FORMAT_BYTE[ext]]) + l + b"\n"
        for s in literals("tests/test_article.c"):
            for byte in FORMAT_BYTE.values():
                yield bytes([byte]) + s
    elif name == "html":
        for ext, b in arts:
            if ext == ".html":
                yield b
        for s in literals("tests/test_article.c"):
            if b"<" in s:
                yield s
    elif name == "passage":
        for ext, b in arts:
            if ext in (".txt", ".md"):
                yield b"\0" + b
        for s in literals("tests/test_passage.c"):
            yield b"\0" + s
    elif name == "tokenize":
        for ext, b in arts:
            yield b[:4096]
        for s in literals("tests/test_tokenize.c"):
            yield s
        yield from queries
    elif name == "query":
        passage = [b for ext, b in arts if ext == ".txt"][0][:1500]
        for s in list(literals("tests/test_queryparse.c", "tests/test_snippet.c")) + queries:
            if b"\0" not in s:
                yield s
                yield s + b"\0" + passage
    elif name == "search":
        for q in queries + list(literals("tests/test_queryparse.c")):
            if b"\0" not in q:
                yield b"\x00\x00" + q
                yield b"\x27\x40" + q
        for q in quotes:
            yield b"\x10\x00" + q
            yield b"\x30\x00" + q.replace(b" ", b"  ", 1).lower()
    else:
        sys.exit("fuzz/seeds.py: no harness '%s'" % name)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    name, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    n = 0
    for s in seeds(name):
        with open(os.path.join(out, hashlib.sha1(s).hexdigest()), "wb") as f:
            f.write(s)
        n += 1
    print("%s: %d seeds in %s" % (name, n, out))


main()
