"""[[TYPE:text]] markup -> {"id","text","spans"} lines. Usage: redact_markup.py IN... > OUT"""
import json, re, sys
RX = re.compile(r"\[\[([A-Z_]+):(.*?)\]\]")
TYPES = {"PERSON","PHONE","EMAIL","HANDLE","ADDRESS","LOCATION","ID_NUMBER","URL","DATE_OF_BIRTH"}
bad = 0
for path in sys.argv[1:]:
    writer = path.split("/")[-2]
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            bad += 1; continue
        src = row.get("text", "")
        out, spans, pos = [], [], 0
        n = 0
        for m in RX.finditer(src):
            out.append(src[pos:m.start()]); n += len(src[pos:m.start()])
            typ, val = m.group(1), m.group(2)
            if typ not in TYPES:
                bad += 1
            else:
                spans.append({"start": n, "end": n + len(val), "type": typ})
            out.append(val); n += len(val)
            pos = m.end()
        out.append(src[pos:])
        text = "".join(out)
        if "[[" in text or "]]" in text:
            bad += 1; continue
        print(json.dumps({"id": row.get("id"), "writer": writer, "text": text, "spans": spans}, ensure_ascii=False))
print(f"bad: {bad}", file=sys.stderr)
