"""Strip labels: writer files -> label_in/<W>.jsonl (id + messages only). Usage: prep_label.py W1 ..."""
import json, glob, sys
for w in sys.argv[1:]:
    rows = []
    for f in sorted(glob.glob(f"/work/corpus/{w}/conv_*.jsonl")):
        for line in open(f, encoding="utf-8"):
            if line.strip():
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue
                rows.append({"id": r["id"], "messages": r["messages"]})
    with open(f"/work/corpus/label_in/{w}.jsonl", "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(w, len(rows))
