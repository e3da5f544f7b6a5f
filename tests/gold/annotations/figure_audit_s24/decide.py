"""Decisions from the figure audit: where both auditors answer against the gold on a disputed item."""
import json, subprocess, collections
key = {k['id']: k for k in json.load(open('/work/s24/audit/key.json'))}
ans = {}
for w in 'xy':
    for h in 'ab':
        for l in open(f'/work/s24/audit/ans_{w}_{h}.jsonl'):
            j = json.loads(l); ans.setdefault(j['id'], {})[w] = j
gold = [json.loads(l) for l in open('/work/main/tests/gold/figures.jsonl')]
out = []
for i, k in sorted(key.items()):
    a = ans[i]
    if a['x']['answer'] != a['y']['answer'] or a['x']['answer'] == 'unsure': continue
    yes = a['x']['answer'] == 'yes'
    why = f"Figure audit s24 (two auditors, blind to the source of the item): x: {a['x']['why']} / y: {a['y']['why']}"
    if k['status'] == 'wrong' and yes:
        recs = json.loads('[' + ','.join(subprocess.run(['/work/main/.venv/bin/python', '-m', 'etl', 'extract', '--jsonl',
                         f"/work/main/tests/gold/texts/{k['file']}"], capture_output=True, text=True, cwd='/work/main').stdout.split('\n')[:-1]) + ']')
        hit = [(d['part'], f) for d in recs for f in d['figures'] if f['metric'] == k['metric'] and f['kind'] == k['kind'] and abs(f['value'] - k['value']) < 0.01]
        part, f = hit[0]
        out.append({"file": k['file'], "part": part, "type": "figure", "metric": k['metric'], "value": f['value'], "unit": f['unit'],
                    "qualifier": f['qualifier'], "kind": k['kind'], "evidence": f['evidence'], "decision": "keep", "why": why})
    elif k['status'] == 'missed' and not yes:
        g = [g for g in gold if g['file'] == k['file'] and g['metric'] == k['metric'] and g.get('kind', 'actual') == k['kind'] and abs(float(g['value']) - k['value']) < 0.01][0]
        out.append({"file": k['file'], "part": g.get('part', 1), "type": "figure", "metric": k['metric'], "value": g['value'], "unit": g.get('unit'),
                    "qualifier": g.get('qualifier', 'exact'), "kind": k['kind'], "evidence": g.get('evidence', ''), "decision": "drop", "why": why})
with open('/work/s24/audit/decisions_audit.jsonl', 'w') as o:
    for d in out: o.write(json.dumps(d, ensure_ascii=False) + '\n')
print(collections.Counter(d['decision'] for d in out))
