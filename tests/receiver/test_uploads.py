"""Uploads are judged by their bytes: real files of each type pass, disguised ones do not."""
import io
import struct
import zipfile
import zlib

import pytest

from councilsite.receiver.uploads import DOCX, ODT, detect, safe_filename


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
       b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
       b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
HEIC = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic" + b"\x00\x00\x00\x08free"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode.\r\n$" + b"\x00" * 64


def ole2(stream: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    directory = stream.encode("utf-16-le").ljust(64, b"\x00")
    return header.ljust(512, b"\xff") + directory.ljust(128, b"\x00")


def zipped(members: dict[str, bytes], first_stored: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            archive.writestr(zipfile.ZipInfo(first_stored), members[first_stored], zipfile.ZIP_STORED)
        for name, body in members.items():
            if name != first_stored:
                archive.writestr(name, body)
    return out.getvalue()


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    return zipped({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                               b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                             b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p>'
                             b'</w:body></w:document>',
        **(extra or {}),
    })


def odt(mimetype: bytes = ODT.encode(), extra: dict[str, bytes] | None = None) -> bytes:
    return zipped({"mimetype": mimetype,
                   "content.xml": b'<?xml version="1.0"?><office:document-content/>',
                   "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest/>',
                   **(extra or {})}, first_stored="mimetype")


ALL = ["jpg", "jpeg", "png", "heic", "gif", "pdf", "doc", "docx", "odt", "txt", "csv"]


@pytest.mark.parametrize("data, allowed, expected", [
    (JPEG, ["jpg"], "image/jpeg"),
    (JPEG, ["jpeg"], "image/jpeg"),
    (png(), ["png"], "image/png"),
    (GIF, ["gif"], "image/gif"),
    (b"GIF87a" + GIF[6:], ["gif"], "image/gif"),
    (PDF, ["pdf"], "application/pdf"),
    (b"\n" * 100 + PDF, ["pdf"], "application/pdf"),  # readers allow junk before the header
    (HEIC, ["heic"], "image/heic"),
    (struct.pack(">I", 16) + b"ftypmif1\x00\x00\x00\x00", ["heic"], "image/heif"),
    (ole2("WordDocument"), ["doc"], "application/msword"),
    (docx(), ["docx"], DOCX),
    (odt(), ["odt"], ODT),
    ("Name,Amount\r\nMrs Ng,£5\r\n".encode(), ["csv"], "text/csv"),
    ("A note\twith a tab\fand a form feed\n".encode(), ["txt"], "text/plain"),
    (b"\xef\xbb\xbfWith a byte order mark\n", ["txt"], "text/plain"),
    (b"plain words", ["csv", "txt"], "text/csv"),  # the question's order picks
    (b"plain words", ["txt", "csv"], "text/plain"),
    (PDF, ALL, "application/pdf"),  # a PDF is a PDF, even though its bytes are also text
    (png(), ["PNG"], "image/png"),
])
def test_real_files_are_recognised(data, allowed, expected):
    assert detect(data, allowed) == expected


@pytest.mark.parametrize("data, allowed", [
    (EXE, ["pdf"]),  # a program renamed .pdf
    (EXE[:64] + PDF, ["pdf"]),  # ... even one holding a PDF header near the start
    (EXE, ALL),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + PDF, ["pdf"]),
    (b"<!DOCTYPE html><html><script>alert(1)</script></html>", ["png"]),  # a web page renamed .png
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', ["png"]),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', ["png", "txt"]),  # markup is not a note
    (b"  <html><body>hello</body></html>", ["txt", "csv"]),
    (zipped({"photo.jpg": JPEG}), ["docx"]),  # a zip renamed .docx
    (zipped({"photo.jpg": JPEG}), ALL),
    (docx()[:-30], ["docx"]),  # truncated: no central directory
    (b"PK\x03\x04" + b"\x00" * 200, ["docx", "odt"]),  # not a zip at all
    (docx({"word/vbaProject.bin": b"\x00macro"}), ["docx"]),  # a macro-enabled document
    (odt(b"application/vnd.oasis.opendocument.spreadsheet"), ["odt"]),
    (odt(ODT.encode() + b"\n"), ["odt"]),  # not exactly the ODT mimetype
    (odt(extra={"Basic/Standard/Module1.xml": b"<script/>"}), ["odt"]),
    (ole2("Workbook"), ["doc"]),  # an Excel file renamed .doc
    (PDF, ["jpg"]),  # a real PDF, but the question only takes photos
    (JPEG, ["png"]),
    (docx(), ["odt", "pdf"]),
    (odt(), ["docx"]),
    (HEIC, ["jpg", "png"]),
    (struct.pack(">I", 20) + b"ftypisom\x00\x00\x02\x00isom", ["heic"]),  # an MP4 video
    (b"a\x00b", ["txt"]),  # NUL
    (b"ring the bell\x07", ["txt"]),  # other C0 controls
    (b"esc \x1b[31m", ["csv"]),
    ("café".encode("latin-1"), ["txt"]),  # not UTF-8
    (b"", ALL),
    (b"plain words", ["pdf", "docx", "png"]),
    (b"plain words", ["exe", "html"]),  # types no question may accept
])
def test_disguised_or_unwanted_files_are_refused(data, allowed):
    assert detect(data, allowed) is None


@pytest.mark.parametrize("name, expected", [
    ("photo.jpg", "photo.jpg"),
    ("C:\\Users\\Ann\\Pictures\\bin.jpg", "bin.jpg"),
    ("../../etc/passwd", "passwd"),
    ("/var/www/../.htaccess", "htaccess"),
    ("..", "upload"),
    ("", "upload"),
    ("   ", "upload"),
    ("a\x00b\r\nc.txt", "abc.txt"),
    ("invoice\u202egpj.exe", "invoicegpj.exe"),  # a right-to-left override would show it as "exe.jpg"
    ('what?<are>:"these"|*.pdf', "what__are___these___.pdf"),
    ("Café letter.docx", "Café letter.docx"),
    ("Cafe\u0301.txt", "Café.txt"),  # composed, so it compares and displays the same
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_safe_filename_keeps_the_extension_when_shortening():
    long = safe_filename("x" * 500 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")
    assert len(safe_filename("y" * 500)) == 200
