"""What an uploaded file really is, judged by its bytes, and a filename safe to show.

A name or a browser's Content-Type is whatever the sender says; an officer opening an .exe
renamed photo.jpg, or an HTML page renamed map.png, is the harm to prevent. So each allowed
type is recognised by its content, and only the types the question accepts are let in.
"""
from __future__ import annotations

import codecs
import contextlib
import dataclasses
import io
import mmap
import re
import unicodedata
import zipfile

from councilsite.forms.questions import FILE_TYPES

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEIC_BRANDS = {b"heic": "image/heic", b"heix": "image/heic", b"hevc": "image/heif", b"mif1": "image/heif",
               b"msf1": "image/heif"}
# Text that a browser would take for a web page (the WHATWG sniffing patterns, roughly): refused
# as .txt or .csv, since a resident's text file has no reason to start like one.
MARKUP = re.compile(rb"\s*<(!doctype|html|head|body|script|iframe|svg|\?xml|!--|style|title|a\b|div|"
                    rb"table|p\b|br\b|b\b|font|h1|img|object|embed)", re.IGNORECASE)
EXECUTABLES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # C0 except tab, LF, form feed and CR


def detect(data: bytes, extensions: list[str]) -> str | None:
    """The content type, if the bytes are one of the allowed types (FILE_TYPES keys); else None."""
    return detect_file(io.BytesIO(data), extensions)


def detect_file(file, extensions: list[str]) -> str | None:
    """As detect(), for an open binary file (such as an upload streamed to disk), read in chunks
    so a large file is never held in memory. The file is left at its start."""
    file.seek(0)
    head = file.read(HEAD)
    try:
        if not head:
            return None
        allowed = [ext.lower().lstrip(".") for ext in extensions]
        if head.startswith(EXECUTABLES):
            return None  # whatever else they hold: a program is never a resident's document
        content_type = _binary(head, file)
        if content_type is not None:
            return content_type if any(content_type in FILE_TYPES.get(ext, ("", ()))[1] for ext in allowed) else None
        if head[:4] == b"PK\x03\x04" or head.startswith(OLE2):
            return None  # a container that is none of ours (a plain zip, an Excel file): never text
        if _text(head, file):
            # Both read the same; the question's own order picks when it allows both.
            for ext in allowed:
                if ext in ("txt", "csv"):
                    return FILE_TYPES[ext][1][0]
        return None
    finally:
        file.seek(0)


HEAD = 4096  # enough for every signature we look for


def _chunks(file, size: int = 1024 * 1024):
    file.seek(0)
    while True:
        chunk = file.read(size)
        if not chunk:
            return
        yield chunk


def _contains(file, needle: bytes) -> bool:
    tail = b""
    for chunk in _chunks(file):
        if needle in tail + chunk:
            return True
        tail = chunk[-(len(needle) - 1):]
    return False


def _binary(head: bytes, file) -> str | None:
    """The content type of a recognised binary format: signatures at the start first, so a zip
    or an image that happens to hold "%PDF-" is judged by what it starts as."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if len(head) >= 16 and head[4:8] == b"ftyp":
        return HEIC_BRANDS.get(head[8:12])
    if head.startswith(OLE2):
        # OLE2 also holds Excel, PowerPoint and installers: a Word file has a WordDocument stream,
        # whose name sits in the directory in UTF-16.
        return "application/msword" if _contains(file, "WordDocument".encode("utf-16-le")) else None
    if head.startswith(b"PK\x03\x04"):
        return _zipped(file)
    if b"%PDF-" in head[:1024]:  # readers allow leading junk this far, so the check must too
        return "application/pdf"
    return None


def _zipped(file) -> str | None:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                # Macros would run on an officer's computer: a .docm renamed .docx is refused, as is
                # an ODT carrying Basic or scripts (below).
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    return None
                return DOCX
            if "mimetype" in names and not any(name.startswith(("Basic/", "Scripts/")) for name in names):
                info = archive.getinfo("mimetype")
                if info.file_size == len(ODT) and archive.read(info) == ODT.encode():
                    return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None  # corrupt, truncated or strangely compressed: refused
    return None


def _text(head: bytes, file) -> bool:
    if MARKUP.match(head.removeprefix(b"\xef\xbb\xbf")):
        return False
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        for chunk in _chunks(file):
            if CONTROL.search(decoder.decode(chunk)):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


UNSAFE = re.compile(r'[<>:"|?*]')  # not allowed in Windows file names, where officers save files


def safe_filename(name: str, fallback: str = "upload") -> str:
    """The resident's filename without folders, control or direction-changing characters, at most
    200 characters (keeping the extension). For showing and for saving inside a folder we choose."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    # Cc are control characters; Cf includes right-to-left overrides that make "gpj.exe" read as
    # "exe.jpg"; Zl and Zp break lines in logs.
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp", "Cs"))
    name = UNSAFE.sub("_", name).strip().strip(".").strip()
    if not name:
        return fallback
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext) <= 10:
            name = stem[:200 - len(ext) - 1].rstrip() + "." + ext
        else:
            name = name[:200]
    return name


@contextlib.contextmanager
def mapped(uploads):
    """(Upload, its file on disk) pairs as Uploads whose data is the file mapped into memory, not
    read into it: the database driver reads the pages from the disk cache as it writes the row."""
    maps, ready = [], []
    try:
        for upload, file in uploads:
            view = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            maps.append(view)
            ready.append(dataclasses.replace(upload, data=memoryview(view)))
        yield ready
    finally:
        for upload in ready:
            upload.data.release()
        for view in maps:
            view.close()
