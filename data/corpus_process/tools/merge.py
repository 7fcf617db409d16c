"""Compare writer (A) and labeller (B) labels; write disagreements for adjudication; write final rows.
Usage: merge.py disagree W | merge.py final W OUTDIR   (prints only counts, never texts)"""
import json, glob, random, sys
FIELDS = ("signals", "urgency", "role", "minor", "language")

def load_writer(w):
    rows = {}
    for f in sorted(glob.glob(f"/work/corpus/{w}/conv_*.jsonl")):
        for line in open(f, encoding="utf-8"):
            if line.strip():
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue
                rows[r["id"]] = r
    return rows

def load(path):
    out = {}
    try:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue
                out[r.get("id")] = r
    except FileNotFoundError:
        pass
    return out

def norm(r, k):
    v = r.get(k)
    if k == "signals":
        return tuple(sorted(set(v or [])))
    return v

def diff(a, b):
    return [k for k in FIELDS if norm(a, k) != norm(b, k)]

mode, w = sys.argv[1], sys.argv[2]
A = load_writer(w)
B = load(f"/work/corpus/label_out/{w}.jsonl")
rng = random.Random(w)
if mode == "disagree":
    n = 0; per = {k: 0 for k in FIELDS}
    with open(f"/work/corpus/adj_in/{w}.jsonl", "w", encoding="utf-8") as out:
        for cid, a in A.items():
            b = B.get(cid)
            if b is None:
                continue
            d = diff(a, b)
            for k in d: per[k] += 1
            if d:
                la = {k: a.get(k) for k in FIELDS}; lb = {k: b.get(k) for k in FIELDS}
                if rng.random() < 0.5: la, lb = lb, la
                out.write(json.dumps({"id": cid, "messages": a["messages"], "A": la, "B": lb}, ensure_ascii=False) + "\n")
                n += 1
    print(w, "rows", len(A), "labelled", len(B), "disagree", n, per)
else:
    outdir = sys.argv[3]
    J = {}
    for f in sorted(glob.glob("/work/corpus/adj_out/*.jsonl")):
        J.update(load(f))
    kept = 0; adj = 0; missing = 0
    with open(f"{outdir}/{w}.jsonl", "w", encoding="utf-8") as out:
        for cid, a in A.items():
            b = B.get(cid)
            row = {"id": cid, "writer": w, "persona": a.get("persona", ""), "messages": a["messages"]}
            labels = {k: a.get(k) for k in FIELDS}
            if b is not None:
                d = diff(a, b)
                if d:
                    j = J.get(cid)
                    if j is None:
                        missing += 1
                    else:
                        adj += 1
                        for k in d:
                            labels[k] = j.get(k)
            else:
                missing += 1
            labels["signals"] = sorted(set(labels["signals"] or []))
            row.update(labels)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            kept += 1
    print(w, "written", kept, "adjudicated", adj, "not adjudicated (writer label kept)", missing)
