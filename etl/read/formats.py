"""The formats the ETL reads: one list, with each format's suffixes, label and size limit.

Everything that asks "which formats?" reads it: the build's folder scan (``SUFFIXES``), the readers'
size limits (``DEFAULT_LIMIT_MB``) and sniffing by content (etl/read/sniff.py names the same formats).
Files that look like reports but cannot be read (``UNSUPPORTED``) each get a message saying what to do.
"""

from __future__ import annotations

from pathlib import Path

# format -> (its suffixes, its name for the user, its default size limit in MB: text formats are all text,
# docx/pdf carry images and fonts)
FORMATS: dict[str, tuple[tuple[str, ...], str, int]] = {
    "txt": ((".txt", ".text", ".md", ".markdown"), "文本", 20),
    "html": ((".html", ".htm", ".shtml"), "网页", 20),
    "docx": ((".docx",), "Word 文档", 100),
    "pdf": ((".pdf",), "PDF", 100),
}
SUFFIXES = {suffix: fmt for fmt, (suffixes, _, _) in FORMATS.items() for suffix in suffixes}
LABELS = {fmt: label for fmt, (_, label, _) in FORMATS.items()}
DEFAULT_LIMIT_MB = {fmt: mb for fmt, (_, _, mb) in FORMATS.items()}

# Files that look like reports but that the ETL cannot read: each becomes an ingest error saying what to do,
# instead of being passed over in silence.
UNSUPPORTED = {
    ".doc": "旧版 Word 文档(.doc)暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".wps": "WPS 文档暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".rtf": "RTF 文档暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".odt": "ODT 文档暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".ofd": "OFD 版式文件暂不支持,请转换为 PDF 后再导入",
    ".xls": "表格文件暂不支持(报告请以 .docx、PDF、网页或文本导入)",
    ".xlsx": "表格文件暂不支持(报告请以 .docx、PDF、网页或文本导入)",
    ".et": "表格文件暂不支持(报告请以 .docx、PDF、网页或文本导入)",
    ".ppt": "演示文稿暂不支持", ".pptx": "演示文稿暂不支持",
    ".jpg": "图片中的文字需要先做 OCR 识别,暂不支持", ".jpeg": "图片中的文字需要先做 OCR 识别,暂不支持",
    ".png": "图片中的文字需要先做 OCR 识别,暂不支持", ".tif": "图片中的文字需要先做 OCR 识别,暂不支持",
    ".tiff": "图片中的文字需要先做 OCR 识别,暂不支持",
    ".zip": "压缩包暂不支持,请解压后再导入", ".rar": "压缩包暂不支持,请解压后再导入", ".7z": "压缩包暂不支持,请解压后再导入",
    ".mht": "MHT 网页存档暂不支持,请另存为 .html 后再导入", ".mhtml": "MHT 网页存档暂不支持,请另存为 .html 后再导入",
    ".caj": "CAJ 文件暂不支持,请转换为 PDF 后再导入",
}
# Size limits in MB per format (text formats are all text; docx/pdf carry images and fonts).


def file_format(path: Path) -> str | None:
    """The format a file's suffix names, or None."""
    return SUFFIXES.get(path.suffix.lower())
