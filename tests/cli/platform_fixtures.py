"""The platform exports of tests/fixtures/platforms as the platforms write them.

Each fixture is stored as UTF-8 with LF line ends, after comment lines starting with "# " that
cite its sources and may hold two directives: "# encoding: utf-8 | utf-8-bom | windows-1252 |
utf-16le-bom" and "# newline: crlf". `platform_bytes` drops the comments and applies the
directives, so a test reads the bytes a real download holds.
"""
import os

from harness import SOURCE_DIR

PLATFORM_FIXTURES = os.path.join(SOURCE_DIR, "tests", "fixtures", "platforms")

# Directive value → (Python codec, byte order mark written before the text).
ENCODINGS = {
    "utf-8": ("utf-8", b""),
    "utf-8-bom": ("utf-8", b"\xef\xbb\xbf"),
    "windows-1252": ("cp1252", b""),
    "utf-16le-bom": ("utf-16-le", b"\xff\xfe"),
}


def platform_fixture(name):
    """(text without the comment lines, {directive: value}) of a stored fixture."""
    with open(os.path.join(PLATFORM_FIXTURES, name), encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    directives = {}
    while lines and lines[0].startswith("# "):
        key, sep, value = lines.pop(0)[2:].partition(":")
        if sep and key in ("encoding", "newline"):
            directives[key] = value.strip()
    return "\n".join(lines), directives


def platform_bytes(name):
    """The fixture's bytes as the platform writes them."""
    text, directives = platform_fixture(name)
    if directives.get("newline") == "crlf":
        text = text.replace("\n", "\r\n")
    codec, bom = ENCODINGS[directives.get("encoding", "utf-8")]
    return bom + text.encode(codec)


def write_platform_file(directory, name):
    """Writes the fixture as the platform writes it into `directory`; its path."""
    path = os.path.join(directory, name)
    with open(path, "wb") as f:
        f.write(platform_bytes(name))
    return path
