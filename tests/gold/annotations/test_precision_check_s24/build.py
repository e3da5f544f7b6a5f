"""A blind precision check on the test part: random predicted figures and random gold figures, shown neutrally, judged
by two annotators. Only the aggregate is read by the developer (no test miss is looked at)."""
import json, random, re, subprocess, collections
random.seed(2424)
ROOT = '/work/main'
split = dict(l.split('\t')[:2] for l in open(f'{ROOT}/tests/gold/split.tsv').read().splitlines()[1:])
test = sorted(f for f, p in split.items() if p == 'test')
gold = [json.loads(l) for l in open(f'{ROOT}/tests/gold/figures.jsonl')]
gold_test = [g for g in gold if split.get(g['file']) == 'test']
sample_files = random.sample(test, 400)
out = subprocess.run([f'{ROOT}/.venv/bin/python', '-m', 'etl', 'extract', '--jsonl'] + [f'{ROOT}/tests/gold/texts/{f}' for f in sample_files],
                     capture_output=True, text=True, cwd=ROOT).stdout
preds = []
for l in out.splitlines():
    d = json.loads(l)
    for f in d['figures']:
        preds.append(dict(file=d['file'].split('/')[-1], metric=f['metric'], value=float(f['value']), kind=f['kind'], evidence=f['evidence']))
P = random.sample(preds, 80)
G = random.sample(gold_test, 80)
items = [dict(p, src='pred') for p in P] + [dict(file=g['file'], metric=g['metric'], value=float(g['value']), kind=g.get('kind', 'actual'), evidence=g.get('evidence', ''), src='gold') for g in G]
random.shuffle(items)
metrics = {}
for l in open('/work/shared/spec/metrics.tsv', encoding='utf-8'):
    f = l.rstrip('\n').split('\t')
    if len(f) >= 3 and '.' in f[0]: metrics[f[0]] = (f[1], f[2])
def ctx(f, ev):
    t = open(f'{ROOT}/tests/gold/texts/{f}', encoding='utf-8', errors='replace').read()
    head = re.sub(r'\s+', ' ', t[:160]); e = ev.strip()
    k = t.find(e[:20]) if e else -1
    if k < 0: return head, '(evidence not found verbatim; search the file)'
    a, b = max(0, k - 260), min(len(t), k + len(e) + 200)
    return head, re.sub(r'\s+', ' ', t[a:k]) + '【' + re.sub(r'\s+', ' ', t[k:k + len(e)]) + '】' + re.sub(r'\s+', ' ', t[k + len(e):b])
key = []
with open('/work/s24/taudit/items.md', 'w', encoding='utf-8') as o:
    for n, it in enumerate(items, 1):
        it['id'] = f't{n:03d}'
        head, c = ctx(it['file'], it['evidence'])
        lab, unit = metrics.get(it['metric'], ('?', ''))
        o.write(f"### {it['id']} — {it['file']}\n- candidate: `{it['metric']}` ({lab}) = {it['value']:g} {unit}, kind `{it['kind']}`\n"
                f"- opening of the file: {head}\n- context (the figure's words in 【】): {c}\n\n")
        key.append({k: it[k] for k in ('id', 'file', 'metric', 'value', 'kind', 'src')})
json.dump(key, open('/work/s24/taudit/key.json', 'w'), ensure_ascii=False)
print(len(items), collections.Counter(i['src'] for i in items), len(preds))
