"""Gold LOCATION spans: drop a leading facility word (hotel, carwash, azc ...), which the contract keeps
readable; the writers' brief had said "hotel Ibis Zwolle" is LOCATION. Usage: trim_gold.py IN > OUT"""
import json, sys
sys.path.insert(0, "/work/main")
from triage.redaction import RE_LEADING_CUE
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    for sp in row["spans"]:
        if sp["type"] == "LOCATION":
            m = RE_LEADING_CUE.match(row["text"], sp["start"], sp["end"])
            if m and m.end() < sp["end"]:
                sp["start"] = m.end(); n += 1
    print(json.dumps(row, ensure_ascii=False))
print(f"trimmed {n}", file=sys.stderr)
