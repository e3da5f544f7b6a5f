"""Chinese for what Streamlit writes itself: ``<html lang>``, its skip link, uploader, select boxes, toolbars.

Streamlit has no setting for its page language or its own strings, so ``install()`` (called once per run
by app.py) puts one constant script on the page (``st.html`` with JavaScript; no user data goes into it).
The script sets ``lang="zh-CN"`` and, with a MutationObserver, rewrites the English texts, placeholders,
``aria-label`` and ``title`` attributes listed in ``TEXTS`` / ``PATTERNS`` wherever Streamlit draws them —
also in menus and pop-ups drawn later. It installs itself once per browser tab (``window.__zhLocale``).
"""

from __future__ import annotations

import json

import streamlit as st

# Whole strings (after trimming) -> Chinese. Screen-reader labels (aria-label) count as much as visible text.
TEXTS: dict[str, str] = {
    "Skip to main content": "跳到主要内容",
    "Upload": "上传",
    "Browse files": "选择文件",
    "Drag and drop files here": "把文件拖到这里",
    "Drag and drop file here": "把文件拖到这里",
    "Add files": "添加文件",
    "Choose an option": "请选择",
    "Choose options": "请选择",
    "Select all": "全选",
    "No results": "没有匹配的选项",
    "No options to select": "没有可选的选项",
    "Clear all": "全部清除",
    "Clear value": "清除",
    "Open": "展开",
    "Selected values": "已选的值",
    "Close": "关闭",
    "Collapse sidebar": "收起侧栏",
    "Expand sidebar": "展开侧栏",
    "Main menu": "主菜单",
    "App pages": "页面",
    "Sidebar": "侧栏",
    "Notifications": "通知",
    "Scroll tabs left": "向左滚动标签",
    "Scroll tabs right": "向右滚动标签",
    "Navigate to home page": "回到首页",
    "Rerun": "重新运行",
    "Print": "打印",
    "Settings": "设置",
    "Theme": "主题",
    "Light": "浅色",
    "Dark": "深色",
    "System": "跟随系统",
    "Running...": "运行中……",
    "Stop": "停止",
    "Download as CSV": "下载为 CSV",
    "Search": "搜索",
    "Fullscreen": "全屏",
    "Close fullscreen": "退出全屏",
    "Show password text": "显示密码",
    "Hide password text": "隐藏密码",
    "Increment": "加一",
    "Decrement": "减一",
    "Press Enter to apply": "按回车键确认",
    "Press Enter to submit form": "按回车键提交",
    "empty": "无数据",
    "None": "—",
    "Copy to clipboard": "复制",
    "Close Search": "关闭搜索",
    "Next Result": "下一个结果",
    "Previous Result": "上一个结果",
    "Clear selection": "清除选择",
    "Remove": "移除",
    "Delete": "删除",
    "file upload": "上传文件",
}
# Regular expressions (JavaScript syntax) with a Chinese replacement; $1 is the first group.
PATTERNS: list[tuple[str, str]] = [
    (r"^Select (\d+) matches?$", "选择 $1 个匹配项"),
    (r"^(\d+(?:\.\d+)?\s?[KMG]?B) per file(.*)$", "每个文件不超过 $1$2"),
    (r"^Help for (.+)$", "$1的说明"),
    (r"^Remove (.+)$", "移除 $1"),
    (r"^Delete (.+)$", "删除 $1"),
]

_SCRIPT = """<script>
(() => {
  if (window.__zhLocale) { document.documentElement.lang = "zh-CN"; return; }
  window.__zhLocale = true;
  const TEXTS = %(texts)s;
  const PATTERNS = %(patterns)s.map(([re, to]) => [new RegExp(re), to]);
  const ATTRS = ["aria-label", "placeholder", "title"];
  const zh = (s) => {
    const t = s.trim();
    if (!t) return null;
    if (Object.prototype.hasOwnProperty.call(TEXTS, t)) return s.replace(t, TEXTS[t]);
    for (const [re, to] of PATTERNS) { if (re.test(t)) return s.replace(t, t.replace(re, to)); }
    return null;
  };
  // never touch icons, typed text, or the app's own Markdown (report text may be English); a button's
  // label is Markdown too, but Streamlit's own buttons (Upload) are what this is for
  const skip = (n) => {
    const el = n.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], .reader-text, textarea, input, code')) return true;
    return !!el.closest('[data-testid="stMarkdownContainer"]') && !el.closest("button");
  };
  const fix = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (skip(n)) continue;
      const out = zh(n.nodeValue);
      if (out !== null && out !== n.nodeValue) n.nodeValue = out;
    }
    const els = root.querySelectorAll ? root.querySelectorAll("[aria-label], [placeholder], [title]") : [];
    for (const el of els) {
      for (const a of ATTRS) {
        const v = el.getAttribute(a);
        if (v === null) continue;
        const out = zh(v);
        if (out !== null && out !== v) el.setAttribute(a, out);
      }
    }
  };
  const run = () => { document.documentElement.lang = "zh-CN"; fix(document.body); };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; run(); });
  }).observe(document.body, {subtree: true, childList: true, characterData: true,
                             attributes: true, attributeFilter: ATTRS});
  run();
})();
</script>"""


def script() -> str:
    """The constant script (tests read it; no user data is ever formatted into it)."""
    return _SCRIPT % {"texts": json.dumps(TEXTS, ensure_ascii=False), "patterns": json.dumps(PATTERNS)}


def install() -> None:
    """Put the script on the page (invisible; it installs itself once per browser tab)."""
    st.html(script(), unsafe_allow_javascript=True)
