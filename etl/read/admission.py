"""Which files below the data folder a build may read, and a clear reason for each one it may not.

- Only regular files are read. A pipe would block the build for ever and a link to /dev/zero
  never ends (its size says 0): each becomes an error row.
- A symbolic link is followed only to a file inside the data folder (both resolved); a link to
  anything outside it (/etc/shadow, another user's files) is refused with an error row, unless
  ``REPORTS_FOLLOW_LINKS=1``. A broken link gets an error row too. Links to folders are not
  followed (as before: the walk does not enter them).
- A name that is not valid UTF-8 (bytes such as b"bad\\xff.txt") is shown with the bad bytes
  escaped (``bad\\xff.txt``) and gets an error row: the database stores UTF-8 text only, and one
  such name used to stop every build.
- Dot files are skipped without a row, on purpose: they are hidden temp files (an upload being
  written, an editor's lock file), never reports. Stale upload temps (``.upload-<32 hex>.<ext>``,
  older than ``STALE_UPLOAD_SECONDS``) left by a killed save are deleted at build start.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

from etl.read.readers import NOT_REGULAR, ReadError

ENV_FOLLOW_LINKS = "REPORTS_FOLLOW_LINKS"
UPLOAD_TEMP_PREFIX = ".upload-"  # dashboard/uploads.py writes each upload under this name, then links it into place
UPLOAD_TEMP = re.compile(r"^\.upload-[0-9a-f]{32}(?:\.[A-Za-z0-9]{1,10})?$")
UPLOAD_FOLDERS = ("uploads", ".")  # where uploads are written (dashboard/uploads.py UPLOAD_DIR), and the folder itself
STALE_UPLOAD_SECONDS = 600  # an upload is written in well under a second; ten minutes old means its writer died

BAD_NAME = "文件名不是有效的 UTF-8 编码(含有无法识别的字符),未读取。请将文件改名后再导入"
OUTSIDE = "这是指向数据目录以外的链接,出于安全考虑未读取(如确需读取,请设置 REPORTS_FOLLOW_LINKS=1)"
BROKEN = "这是一个失效的链接(指向的文件不存在),未读取"


def follow_links() -> bool:
    """Links to files outside the data folder are read only when the operator says so."""
    return os.environ.get(ENV_FOLLOW_LINKS, "").strip() == "1"


def shown_name(rel: str) -> str:
    """A relative path as the database can store it: undecodable bytes (surrogates from os.scandir) escaped."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def valid_name(rel: str) -> bool:
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def refusal(path: str, root: str | None) -> ReadError | None:
    """Why the build must not read ``path`` (found below the data folder ``root``), or None when it may.

    ``root`` None skips the link test (a caller without a data folder, e.g. a single file).
    """
    if not valid_name(path[len(root):] if root is not None and path.startswith(root) else path):
        return ReadError("read", BAD_NAME, "file name is not valid UTF-8")
    if os.path.islink(path):
        target = os.path.realpath(path)
        if not os.path.exists(target):
            return ReadError("read", BROKEN, "broken symbolic link")
        if root is not None and not follow_links() and not _inside(target, os.path.realpath(root)):
            return ReadError("read", OUTSIDE, "symbolic link to a file outside the data folder")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return ReadError("read", "无法打开文件(可能已被移动、删除或没有读取权限)", type(exc).__name__)
    if not stat.S_ISREG(mode):
        return ReadError("read", NOT_REGULAR, f"mode {stat.filemode(mode)}")
    return None


def remove_stale_uploads(data_dir: Path, older_than: float = STALE_UPLOAD_SECONDS) -> list[Path]:
    """Delete upload temp files whose writer was killed: only our own name pattern, only regular files, only old ones.

    A fresh one may belong to an upload being written right now, so it stays.
    """
    removed = []
    cutoff = time.time() - older_than
    for folder in UPLOAD_FOLDERS:
        try:
            entries = list(os.scandir(Path(data_dir) / folder))
        except OSError:
            continue
        for e in entries:
            try:
                if UPLOAD_TEMP.match(e.name) and e.is_file(follow_symlinks=False) \
                        and e.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(e.path)
                    removed.append(Path(e.path))
            except OSError:
                continue
    return removed
