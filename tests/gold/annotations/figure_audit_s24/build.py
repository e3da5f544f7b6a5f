"""Items for the figure audit of the development part: candidates where the model and the gold disagree and the
scorer saw a candidate (model kept, gold lacks; gold has, a prose candidate was dropped), plus controls (both agree)."""
import json, re, random, collections, subprocess
random.seed(24)
ROOT = '/work/main'
metrics = {}
for l in open('/work/shared/spec/metrics.tsv', encoding='utf-8'):
    f = l.rstrip('\n').split('\t')
    if len(f) >= 3 and '.' in f[0]: metrics[f[0]] = (f[1], f[2])
gold = collections.defaultdict(list)
for l in open(f'{ROOT}/tests/gold/figures.jsonl'):
    d = json.loads(l); gold[d['file']].append(d)
kinds = {}
out = subprocess.run(['python3', '/work/s24/miss_kind.py', '/tmp/.d_dev', 'x'], capture_output=True, text=True).stdout
# classify misses again (need the kind label per line)
exec(open('/work/s24/miss_kind.py').read().split("c = collections.Counter()")[0].replace("sys.argv", "['','/tmp/.d_dev']"))
items = []
for l in open('/tmp/.d_dev'):
    m = re.match(r"(missed|wrong) +(\S+): (\S+) (\S+) (\S+)  «(.*)»$", l.rstrip('\n'))
    if not m: continue
    st, f, met, val, kind, ev = m[1], m[2].rstrip(':'), m[3], float(m[4]), m[5], m[6]
    if st == 'missed':
        same = [x for x in dbg[f] if x[1] == met and abs(x[2]-val) < 0.01 and x[3] == kind]
        if not same: continue
    items.append(dict(file=f, metric=met, value=val, kind=kind, evidence=ev, status=st))
# controls: figures the gold has that the model also gives (not in the detail lines), in files with details or not
missed_or_wrong = {(i['file'], i['metric'], i['value']) for i in items}
dev = [p.strip().split('/')[-1] for p in open('/tmp/dev_files')]
detail_missed = set()
for l in open('/tmp/.d_dev'):
    m = re.match(r"missed +(\S+): (\S+) (\S+)", l)
    if m: detail_missed.add((m[1].rstrip(':'), m[2], float(m[3])))
ctrl = [dict(file=g['file'], metric=g['metric'], value=float(g['value']), kind=g.get('kind', 'actual'),
             evidence=g.get('evidence', ''), status='control') for f in dev for g in gold[f]
        if (f, g['metric'], float(g['value'])) not in detail_missed]
items += random.sample(ctrl, 40)
random.shuffle(items)
def ctx(f, ev):
    t = open(f'{ROOT}/tests/gold/texts/{f}', encoding='utf-8', errors='replace').read()
    head = re.sub(r'\s+', ' ', t[:160])
    k = t.find(ev.strip()[:20]) if ev.strip() else -1
    if k < 0: return head, '(evidence not found verbatim; search the file)'
    a, b = max(0, k - 260), min(len(t), k + len(ev) + 200)
    return head, re.sub(r'\s+', ' ', t[a:k]) + '【' + re.sub(r'\s+', ' ', t[k:k+len(ev.strip())]) + '】' + re.sub(r'\s+', ' ', t[k+len(ev.strip()):b])
key = []
for n, it in enumerate(items, 1):
    it['id'] = f'i{n:03d}'
    head, c = ctx(it['file'], it['evidence'])
    it['head'], it['context'] = head, c
    key.append({k: it[k] for k in ('id', 'file', 'metric', 'value', 'kind', 'evidence', 'status')})
half = (len(items) + 1) // 2
for h, part in (('a', items[:half]), ('b', items[half:])):
    with open(f'/work/s24/audit/items_{h}.md', 'w', encoding='utf-8') as o:
        for it in part:
            lab, unit = metrics.get(it['metric'], ('?', ''))
            o.write(f"### {it['id']} — {it['file']}\n- candidate: `{it['metric']}` ({lab}) = {it['value']:g} {unit}, kind `{it['kind']}`\n"
                    f"- opening of the file: {it['head']}\n- context (the figure's words in 【】): {it['context']}\n\n")
json.dump(key, open('/work/s24/audit/key.json', 'w'), ensure_ascii=False, indent=0)
print(len(items), collections.Counter(i['status'] for i in items), half)
