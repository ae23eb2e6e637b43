#!/usr/bin/env python3
"""The naive baseline rescite is compared with, and the scorer both share.

The baseline is the approach of existing UN citation scripts: two English
regular expressions, `resolutions? \\d+/\\d+` (General Assembly, mapped to
A/RES/s/n) and `\\d{1,4} \\(\\d{4}\\)` (Security Council, mapped to
S/RES/n(yyyy)). It is `baseline_extract` below, nothing more. Python 3
standard library only.

    baseline.py throughput PATH... [--lang en] [--gold CORPUS/gold.jsonl]
        Reads every .txt file under PATH (only names starting `en_` with
        --lang en), runs the baseline on each and prints JSON: files, bytes,
        wall seconds (reading included), matching seconds, MB/s; with --gold,
        micro precision and recall against the generator's gold
        (examples/gen_corpus.rs).

    baseline.py f1 [--fixtures DIR] [--sets ga,ga-pdf,seed] [--langs en]
                   [--rescite-jsonl FILE]
        Scores the baseline on the fixtures with gold; with --rescite-jsonl,
        scores instead the documents of `rescite extract --format jsonl`.
        Prints JSON.

Scoring follows tests/accuracy.rs: per document, the distinct resolutions
cited; the gold of a resolution is the union of the golds of its language
versions (within a set); decisions are left out (the UN never links them);
a gold id whose number the text does not contain is "absent" and not
counted; gold ids that are not valid symbols (A/RES/25/2) are left out.
One difference: an invalid id that a tool outputs (the baseline's
A/RES/1996/31 for an ECOSOC resolution) counts as a false positive here,
where accuracy.rs never sees one (rescite cannot output an invalid id).
Micro precision, recall and F1, over all ids and per class: "main" (GA and
SC) and "other" (ECOSOC, HRC, CHR).
"""

import json
import os
import re
import sys
import time
import unicodedata

# ---------------------------------------------------------------------------
# The baseline

RESOLUTION = re.compile(r"resolutions? (\d+/\d+)", re.I)
SECURITY_COUNCIL = re.compile(r"(\d{1,4}) \((\d{4})\)")


def baseline_extract(text):
    """The distinct ids the naive script finds in one text."""
    ids = set()
    for m in RESOLUTION.finditer(text):
        ids.add("A/RES/" + m.group(1))
    for m in SECURITY_COUNCIL.finditer(text):
        ids.add("S/RES/%s(%s)" % m.groups())
    return ids


# ---------------------------------------------------------------------------
# Ids

ROMAN = r"(?:[IVXLC]+)"
VALID = [
    (re.compile(r"^A/RES/(\d+)/(\d+)$"), lambda m: 31 <= int(m[1]) <= 999 and int(m[2]) > 0),
    (re.compile(r"^A/RES/(?:S|ES)-\d+/\d+$"), None),
    (re.compile(r"^A/RES/\d+\((?:S-|ES-)?" + ROMAN + r"\)$"), None),
    (re.compile(r"^S/RES/(\d+)\((\d{4})\)$"), lambda m: int(m[1]) > 0 and 1946 <= int(m[2]) <= 2999),
    (re.compile(r"^E/RES/(\d{4})/\d+$"), lambda m: 1946 <= int(m[1]) <= 2999),
    (re.compile(r"^E/RES/\d+\(" + ROMAN + r"\)$"), None),
    (re.compile(r"^A/HRC/RES/(?:S-)?\d+/\d+$"), None),
    (re.compile(r"^E/CN\.4/RES/\d{4}/\d+$"), None),
]


def canonical(raw):
    """Gold ids as rescite spells them: no spaces, no part letters
    (`A/RES/217 A(III)` is A/RES/217(III), `A/RES/72/266a` A/RES/72/266)."""
    s = re.sub(r"\s+", "", raw)
    s = re.sub(r"^a/hrc/res/", "A/HRC/RES/", s, flags=re.I)
    s = re.sub(r"^(\w/RES/\d+)[A-Ha-h](?:-[A-Ha-h])?\(", r"\1(", s)
    s = re.sub(r"^((?:A|A/HRC)/RES/(?:(?:S|ES)-)?\d+/\d+)[A-Ha-h](?:-[A-Ha-h])?$", r"\1", s)
    return s


def valid(id_):
    for pattern, check in VALID:
        m = pattern.match(id_)
        if m:
            return check is None or check(m)
    return False


def is_decision(id_):
    return "/DEC/" in id_


def class_of(id_):
    return "main" if id_.startswith("A/RES/") or id_.startswith("S/RES/") else "other"


def number_of(id_):
    """The number as accuracy.rs looks for it in the text: 70/1, 217, 2231."""
    body = id_.split("/RES/", 1)[-1]
    return body.split("(", 1)[0]


ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def squeezed(text):
    folded = unicodedata.normalize("NFKC", text).translate(ARABIC_INDIC)
    return re.sub(r"\s+", "", folded)


# ---------------------------------------------------------------------------
# Scoring


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = self.absent = 0

    def add(self, other):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.absent += other.absent

    def as_dict(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "absent": self.absent,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
        }


def score_document(found, gold, text):
    """Scores per class for one document (sets of ids)."""
    scores = {"main": Score(), "other": Score()}
    folded = None
    for id_ in found | gold:
        if is_decision(id_):
            continue
        if id_ in gold and not valid(id_):
            continue
        s = scores[class_of(id_)]
        hit, wanted = id_ in found, id_ in gold
        if wanted and not hit:
            if folded is None:
                folded = squeezed(text)
            if number_of(id_) not in folded:
                s.absent += 1
                continue
        if hit and wanted:
            s.tp += 1
        elif hit:
            s.fp += 1
        elif wanted:
            s.fn += 1
    return scores


def summarise(per_key):
    """{key: {class: Score}} -> JSON-ready totals."""
    out = {}
    total = Score()
    classes = {"main": Score(), "other": Score()}
    for key, scores in sorted(per_key.items()):
        row = Score()
        for cls, s in scores.items():
            row.add(s)
            classes[cls].add(s)
        total.add(row)
        out[key] = row.as_dict()
    return {
        "all": total.as_dict(),
        "main": classes["main"].as_dict(),
        "other": classes["other"].as_dict(),
        "by": out,
    }


def fixture_cases(fixtures, sets, langs):
    """[(set, lang, text path, own symbol, gold ids)], gold united across
    the language versions of each resolution (tests/accuracy.rs)."""
    cases = []
    for set_name in sets:
        base = os.path.join(fixtures, set_name)
        if set_name == "seed":
            texts, golds = base, base
        else:
            texts, golds = os.path.join(base, "texts"), os.path.join(base, "gold")
        if not os.path.isdir(golds):
            continue
        for name in sorted(os.listdir(golds)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(golds, name), encoding="utf-8") as f:
                gold = json.load(f)
            ids = set()
            for c in gold.get("cites", []):
                raw = c if isinstance(c, str) else c.get("id")
                if raw:
                    ids.add(canonical(raw))
            cases.append(
                {
                    "set": set_name,
                    "lang": gold["language"],
                    "path": os.path.join(texts, gold["file"]),
                    "own": gold.get("own_symbol"),
                    "gold": ids,
                }
            )
    union = {}
    for case in cases:
        if case["own"]:
            union.setdefault((case["set"], case["own"]), set()).update(case["gold"])
    for case in cases:
        if case["own"]:
            case["gold"] = set(union[(case["set"], case["own"])])
    return [c for c in cases if langs is None or c["lang"] in langs]


def read_text(path):
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace")


def rescite_found(jsonl_path):
    """{absolute path: set of ids} from `rescite extract --format jsonl`."""
    found = {}
    with open(jsonl_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            doc = json.loads(line)
            found[os.path.abspath(doc["path"])] = {c["target"] for c in doc.get("citations", [])}
    return found


def f1(fixtures, sets, langs, rescite_jsonl=None):
    cases = fixture_cases(fixtures, sets, langs)
    found_by_path = rescite_found(rescite_jsonl) if rescite_jsonl else None
    per_key = {}
    documents = 0
    missing = []
    for case in cases:
        text = read_text(case["path"])
        if found_by_path is None:
            found = baseline_extract(text)
        else:
            found = found_by_path.get(os.path.abspath(case["path"]))
            if found is None:
                missing.append(case["path"])
                found = set()
        documents += 1
        key = "%s/%s" % (case["set"], case["lang"])
        scores = score_document(found, case["gold"], text)
        slot = per_key.setdefault(key, {"main": Score(), "other": Score()})
        for cls, s in scores.items():
            slot[cls].add(s)
    result = {
        "mode": "f1",
        "tool": "rescite" if rescite_jsonl else "baseline",
        "fixtures": fixtures,
        "sets": sets,
        "langs": sorted(langs) if langs else "all",
        "documents": documents,
        "scoring": "tests/accuracy.rs rules; invalid ids output by a tool count as false positives",
    }
    result.update(summarise(per_key))
    if missing:
        result["missing_from_jsonl"] = len(missing)
    return result


# ---------------------------------------------------------------------------
# Throughput


def text_files(paths, lang):
    prefix = lang + "_" if lang else None
    out = []
    for root in paths:
        if os.path.isfile(root):
            out.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".txt") and (prefix is None or name.startswith(prefix)):
                    out.append(os.path.join(dirpath, name))
    return out


def load_gold_jsonl(path):
    base = os.path.dirname(os.path.abspath(path))
    gold = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[os.path.join(base, g["file"])] = set(g["cites"])
    return gold


def throughput(paths, lang, gold_path):
    files = text_files(paths, lang)
    gold = load_gold_jsonl(gold_path) if gold_path else None
    total_bytes = 0
    matching = 0.0
    citations = 0
    tp = fp = fn = 0
    started = time.perf_counter()
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        total_bytes += len(data)
        text = data.decode("utf-8", errors="replace")
        t = time.perf_counter()
        ids = baseline_extract(text)
        matching += time.perf_counter() - t
        citations += len(ids)
        if gold is not None:
            want = gold.get(os.path.abspath(path), set())
            tp += len(ids & want)
            fp += len(ids - want)
            fn += len(want - ids)
    wall = time.perf_counter() - started
    result = {
        "mode": "throughput",
        "tool": "baseline",
        "scope": "files named %s_*" % lang if lang else "all files",
        "files": len(files),
        "bytes": total_bytes,
        "seconds": round(wall, 4),
        "matching_seconds": round(matching, 4),
        "mb_per_s": round(total_bytes / 1e6 / wall, 2) if wall > 0 else None,
        "matching_mb_per_s": round(total_bytes / 1e6 / matching, 2) if matching > 0 else None,
        "distinct_ids": citations,
    }
    if gold is not None:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        result["gold"] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        }
    return result


# ---------------------------------------------------------------------------


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    mode, rest = argv[1], argv[2:]
    options = {}
    positional = []
    i = 0
    while i < len(rest):
        if rest[i].startswith("--"):
            if i + 1 >= len(rest):
                print("baseline.py: %s needs a value" % rest[i], file=sys.stderr)
                return 2
            options[rest[i][2:]] = rest[i + 1]
            i += 2
        else:
            positional.append(rest[i])
            i += 1
    here = os.path.dirname(os.path.abspath(__file__))
    if mode == "throughput":
        if not positional:
            print("baseline.py throughput: give a directory", file=sys.stderr)
            return 2
        result = throughput(positional, options.get("lang"), options.get("gold"))
    elif mode == "f1":
        fixtures = options.get("fixtures", os.path.join(here, "..", "fixtures"))
        sets = options.get("sets", "ga,ga-pdf,seed").split(",")
        langs = options.get("langs", "en")
        langs = None if langs == "all" else set(langs.split(","))
        result = f1(os.path.normpath(fixtures), sets, langs, options.get("rescite-jsonl"))
    else:
        print("baseline.py: unknown mode %r (throughput, f1)" % mode, file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
