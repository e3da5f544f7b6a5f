import sys, etl.extract as ex
from etl.attribution import attribute
orig = ex.resolve
def spy(figs, atts, sents):
    keep = orig(figs, atts, sents)
    for f,a,k in zip(figs,atts,keep):
        print(("KEEP" if k else "DROP"), f.metric, f.value, f.kind, a.part, a.policy, repr(a.cue), "«"+f.evidence+"»")
    return keep
ex.resolve = spy
from etl.pipeline import process_text
from etl.readers import read_file
from pathlib import Path
for p in sys.argv[1:]:
    print("==", p)
    for d in process_text(read_file(Path(p)).text):
        print(" meta", d.meta.level, d.meta.province, d.meta.city, d.meta.county, d.meta.year, d.meta.doc_type)
