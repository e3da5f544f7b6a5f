"""Bytes -> text: BOM, strict UTF-8, a declared charset, GB18030 or Big5; UTF-16 without a BOM; .txt files.

A file cut inside its last character loses only that character; UTF-8 with a few damaged bytes stays
UTF-8 instead of being misread as GBK mojibake; binary data is refused, not decoded into noise.
"""

from __future__ import annotations

import re

from etl.read.limits import ReadError, ReadResult, check_chars

_CUT = ("unexpected end of data", "incomplete multibyte sequence")


def _decode_strict(raw: bytes, codec: str) -> str | None:
    """Strict decode; a file cut inside its last character loses only that character."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw) and exc.start >= len(raw) - 4 and exc.reason in _CUT:
            try:
                return raw[:exc.start].decode(codec)
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:
        return None


def _codec(name: str) -> str:
    """A declared or detected charset -> the codec that decodes it (GB2312/GBK files often hold GB18030 chars)."""
    name = name.lower().replace("_", "-")
    if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"):
        return "gb18030"
    if name.startswith("big5") or name in ("cp950", "x-big5"):
        return "big5hkscs"
    return name


def _label(codec: str) -> str:
    return {"gb18030": "gbk", "big5hkscs": "big5"}.get(codec, codec)


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding): BOM, strict UTF-8, the declared charset, then GB18030 or Big5.

    The detector (chardet, ~9 ms per file) only orders the two candidates, so it runs only when its
    answer can matter: when the bytes decode strictly as both GB18030 (not garbled) and Big5 -- short
    files mostly; a whole GBK report is practically never valid Big5 -- or as neither (its guess is
    named in the error). Otherwise the one codec that works is the detector's answer too.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        text = _decode_strict(raw[3:], "utf-8")
        return (text if text is not None else raw[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    codec = utf16_without_bom(raw)
    if codec is not None:
        return raw[:len(raw) // 2 * 2].decode(codec, errors="replace"), codec
    text = _decode_strict(raw, "utf-8")
    if text is not None:
        return text, "utf-8"
    if declared:
        codec = _codec(declared)
        text = _decode_strict(raw, codec)
        if text is not None:
            return text, _label(codec)
    lenient = raw.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    if damaged <= 0.05 * (_non_ascii(lenient) - damaged):
        # UTF-8 with a few damaged bytes; GBK read as UTF-8 fails on nearly every non-ASCII character
        return lenient, "utf-8"
    gb = _decode_strict(raw, "gb18030")
    if gb is not None and _looks_garbled(gb):
        gb = None
    big5 = _decode_strict(raw, "big5hkscs")
    if gb is not None and big5 is None:
        return gb, "gbk"
    if big5 is not None and gb is None:
        return big5, "big5"
    import chardet  # lazy: needed only when both codecs decode or neither does (short files mostly)

    guess = (chardet.detect(raw[:65536]).get("encoding") or "").lower()
    if big5 is not None:  # both decode: the detector's choice, GB18030 unless it says Big5
        return (big5, "big5") if guess and _codec(guess) == "big5hkscs" else (gb, "gbk")
    raise ReadError("decode", "无法识别文件编码(不是 UTF-8、GBK 或 Big5 文本)", f"detector guessed {guess!r}")


def utf16_without_bom(raw: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes are UTF-16 text without a BOM, else None.

    UTF-16 writes every ASCII character (digits, line ends, spaces) with a NUL high byte: at odd offsets
    (little-endian) or even ones (big-endian). Binary data has its NULs on both. The head must also
    decode strictly and not be mostly control characters.
    """
    head = raw[:4096]
    head = head[:len(head) // 2 * 2]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) < max(4, len(head) // 100) or min(odd, even) > max(odd, even) // 20:
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        sample = head.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(sample) else codec


def _non_ascii(text: str) -> int:
    """How many characters of ``text`` are above U+007F (counted in C, not in a Python loop)."""
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _looks_garbled(text: str) -> bool:
    """Random high bytes decode as GB18030 too, but into rare characters outside GB2312 and Big5 (a Traditional
    text saved as GBK, as mirror sites serve it, is mostly outside GB2312 but inside Big5)."""
    head = text[:4000]
    high = _non_ascii(head)
    if high < 20:
        return False
    # every non-ASCII character GB2312 has is two bytes in it (ASCII one): the rest are the rare ones
    common = (len(head.encode("gb2312", errors="ignore")) - (len(head) - high)) // 2
    if (high - common) / high <= 0.3:
        return False
    common = (len(head.encode("big5", errors="ignore")) - (len(head) - high)) // 2
    return (high - common) / high > 0.3


_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _looks_binary(text: str) -> bool:
    """More than 5% control characters (not \\t \\n \\f \\r), C1 controls or U+FFFD in the first 4,000."""
    if not text:
        return False
    sample = text[:4000]
    return len(_BINARY.findall(sample)) / len(sample) > 0.05


def read_txt(raw: bytes, limit: int | None = None) -> ReadResult:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")) and utf16_without_bom(raw) is None:
        raise ReadError("decode", "文件是二进制数据,不是文本报告", "NUL bytes in the first 4 KB")
    text, enc = decode(raw)
    check_chars(len(text), limit)
    if _looks_binary(text):
        raise ReadError("decode", "文件内容是乱码或二进制数据,不是文本报告", f"decoded as {enc}")
    if not text.strip():
        raise ReadError("read", "文件中只有空白,没有文字", "whitespace only")
    return ReadResult(text, "txt", enc)  # kept byte-for-byte: offsets must match other readers of the file


def unify_newlines(text: str) -> str:
    """CRLF and lone CR -> LF, for the formats whose text is made here (HTML, PDF), not kept byte for byte."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
