"""Write labelled texts as the files reports are published in, to read them back through the readers.

    python scripts/file_variants.py FORMAT OUT_DIR FILE...      # FORMAT: html, site, docx, pdf, gbk, big5
    python scripts/file_variants.py read OUT_TXT_DIR FILE...     # read any files with etl's readers, write .txt

A text's "|" rows become a real table (HTML <table>, a Word table, a PDF table printed by Chromium); other lines
become paragraphs; in HTML every number sits in a <span> of its own, as page editors leave them. gbk and big5 are the
text in those encodings (big5 after a conversion to Taiwan Traditional, s2tw). site is the html inside a government
site's page: a menu, a breadcrumb, a 友情链接 sidebar of other governments, 上一篇/下一篇 and 相关阅读 links to other
reports and the site's 主办/ICP footer (the other reports and places from scripts/page_variants.py).
``read`` writes what the readers give, under the
text's own name, so ../shared/tools/score.py scores it against the same gold: how much survives each format.
PDF needs Chromium (/usr/bin/chromium) and Playwright.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _blocks(text: str) -> list[tuple[str, list[list[str]] | str]]:
    """("table", rows) for each run of "|" lines, ("p", line) for every other non-empty line."""
    out: list[tuple[str, list[list[str]] | str]] = []
    for line in text.split("\n"):
        if "|" in line:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)  # type: ignore[union-attr]
            else:
                out.append(("table", [cells]))
        elif line.strip():
            out.append(("p", line.strip()))
    return out


def to_html(text: str) -> str:
    body = []
    for kind, content in _blocks(text):
        if kind == "p":
            body.append("<p>" + _NUMBER.sub(lambda m: f"<span>{m.group()}</span>", html.escape(content)) + "</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in content)
            body.append(f"<table border='1'>{rows}</table>")
    return ("<html><head><meta charset='utf-8'><style>body{font-family:'Noto Serif CJK SC';font-size:15pt}"
            "p{text-indent:2em;margin:0 0 .4em}</style></head><body>" + "".join(body) + "</body></html>")


def to_docx(text: str, path: Path) -> None:
    import docx

    doc = docx.Document()
    for kind, content in _blocks(text):
        if kind == "p":
            doc.add_paragraph(content)
        else:
            width = max(len(r) for r in content)
            table = doc.add_table(rows=len(content), cols=width)
            for i, r in enumerate(content):
                for j, c in enumerate(r):
                    table.cell(i, j).text = c
    doc.save(str(path))


def to_site(name: str, text: str) -> str:
    """``to_html(text)``'s body inside a government site's page (see the module's docstring)."""
    import page_variants

    titles = page_variants._dev_titles()
    others = page_variants._pick(name, titles, 6, text)
    place = page_variants._place(name, text, titles)
    friends = "".join(f"<li><a href='#'>{html.escape(page_variants._place(t + name, '', titles))}人民政府</a></li>"
                      for t in others[:3])
    related = "".join(f"<li><a href='#'>{html.escape(t)}</a></li>" for t in others[2:])
    body = to_html(text).split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return ("<html><head><meta charset='utf-8'><title>政务公开</title></head><body>"
            "<div class='top'><ul class='nav'><li><a href='#'>首页</a></li><li><a href='#'>政务公开</a></li>"
            "<li><a href='#'>互动交流</a></li><li><a href='#'>办事服务</a></li></ul></div>"
            "<div class='crumb'>当前位置:<a href='#'>首页</a> &gt; <a href='#'>政务公开</a> &gt; 法治政府建设</div>"
            f"<div class='main'><div class='article'>{body}"
            f"<div class='pager'><p>上一篇:<a href='#'>{html.escape(others[0])}</a></p>"
            f"<p>下一篇:<a href='#'>{html.escape(others[1])}</a></p></div></div>"
            f"<div class='side'><h3>友情链接</h3><ul>{friends}</ul><h3>相关阅读</h3><ul>{related}</ul></div></div>"
            f"<div class='footer'><p>主办:{html.escape(place)}人民政府办公室 承办:{html.escape(place)}大数据发展管理局</p>"
            "<p>网站标识码:0000000000 ICP备00000000号-1</p></div></body></html>")


def main() -> int:
    fmt, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    files = [Path(p) for p in sys.argv[3:]]
    if fmt == "read":
        logging.disable(logging.WARNING)
        from etl.read.readers import ReadError, read_file

        for p in files:
            try:
                text = read_file(p).text
            except ReadError as e:
                text = ""
                print(f"{p.name}: {e}", file=sys.stderr)
            (out / (p.stem + ".txt")).write_text(text, encoding="utf-8")
        return 0
    if fmt == "pdf":
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page()
            for p in files:
                page.set_content(to_html(p.read_text(encoding="utf-8")))
                page.pdf(path=str(out / (p.stem + ".pdf")), format="A4",
                         margin={"top": "2cm", "bottom": "2cm", "left": "2.5cm", "right": "2.5cm"})
            browser.close()
        return 0
    for p in files:
        text = p.read_text(encoding="utf-8")
        if fmt == "html":
            (out / (p.stem + ".html")).write_text(to_html(text), encoding="utf-8")
        elif fmt == "site":
            (out / (p.stem + ".html")).write_text(to_site(p.name, text), encoding="utf-8")
        elif fmt == "docx":
            to_docx(text, out / (p.stem + ".docx"))
        elif fmt == "gbk":
            (out / p.name).write_bytes(text.encode("gbk", errors="replace"))
        elif fmt == "big5":
            import opencc

            (out / p.name).write_bytes(opencc.OpenCC("s2tw").convert(text).encode("big5", errors="replace"))
        else:
            raise SystemExit(f"unknown format {fmt}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
