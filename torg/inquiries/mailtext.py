"""Plain text from e-mail: charsets decoded robustly, HTML turned into text, quoted
earlier messages cut from replies. No Django: used by ``inbound``."""

from __future__ import annotations

import codecs
import html
import re
from html.parser import HTMLParser


def decode_text(data: bytes, declared: str | None) -> str:
    """Bytes to text: the declared charset when it works, else UTF-8, else Windows-1252; never fails."""
    candidates: list[str] = []
    if declared:
        try:
            name = codecs.lookup(declared.strip().strip("\"'")).name
        except LookupError:
            name = ""
        # Mail that says Latin-1 is nearly always Windows-1252 (as browsers assume); ASCII is often wrong.
        name = {"iso8859-1": "cp1252", "ascii": ""}.get(name, name)
        candidates += [name] if name else []
    candidates += ["utf-8", "cp1252"]
    for charset in candidates:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")  # every byte is a character here


def clean_text(text: str) -> str:
    text = re.sub(r"\r\n?", "\n", text.replace("\x00", ""))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()


_BLOCKS = {
    "address", "article", "aside", "dd", "div", "dl", "dt", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul",
}  # fmt: skip
_HIDDEN = {"head", "script", "style", "template", "title", "noscript", "object", "svg"}


class _HtmlToText(HTMLParser):
    """HTML to plain text: line breaks kept, script and style dropped, quotes marked with '>'."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list[str]] = [[]]
        self.hidden = self.pre = 0
        self.links: list[tuple[str, int]] = []

    def _out(self, text: str) -> None:
        self.stack[-1].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._out("\n")
        elif tag == "li":
            self._out("\n- ")
        elif tag in ("td", "th"):
            self._out(" ")
        elif tag == "blockquote":
            self.stack.append([])
        elif tag == "img":
            alt = " ".join((dict(attrs).get("alt") or "").split())
            if alt and not self.hidden:
                self._out(f"[{alt}]")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.stack[-1])))
        if tag in _BLOCKS:
            self._out("\n\n" if tag == "p" else "\n")
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "blockquote" and len(self.stack) > 1:
            self._close_quote()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.stack[-1][start:])
            if re.match(r"https?://", href) and href not in label and not self.hidden:
                self._out(f" ({href})")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCKS:
            self._out("\n\n" if tag == "p" else "\n")

    def _close_quote(self) -> None:
        quoted = clean_text("".join(self.stack.pop()))
        self._out("\n" + "\n".join(f"> {line}".rstrip() for line in quoted.split("\n")) + "\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._out(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        self.close()
        while len(self.stack) > 1:
            self._close_quote()
        return clean_text("\n".join(line.strip() for line in "".join(self.stack[0]).split("\n")))


def html_to_text(markup: str) -> str:
    parser = _HtmlToText()
    parser.feed(markup)
    text = parser.text()
    if not text and markup.strip():  # markup the parser could not follow: drop the tags crudely
        text = clean_text(html.unescape(re.sub(r"<[^>]*>", " ", markup)))
    return text


_ATTRIBUTION = re.compile(r"\b(?:wrote|skreiv|skrev|schrieb|a écrit|escribió|kirjoitti)\b.*:$", re.IGNORECASE)
# "On … wrote:", "Den … skreiv:" or a date line naming an address ("4. mars 2026 skreiv Torg <x@y>:").
_ATTRIBUTION_START = re.compile(r"^(?:on|den|på|am|le|el)\b|@", re.IGNORECASE)
_SEPARATOR = re.compile(
    r"^-{2,}\s*(?:original message|opprinnelig melding|opphavleg melding|ursprüngliche nachricht)\s*-{2,}$",
    re.IGNORECASE,
)
_FROM_LINE = re.compile(r"^\*?(?:from|fra|frå|von)\s*:", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^\*?(?:sent|sendt|date|dato|to|til|subject|emne|tema|cc)\s*:", re.IGNORECASE)


def _quote_starts(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    if _SEPARATOR.match(line):
        return True
    two = f"{line} {lines[index + 1].strip()}" if index + 1 < len(lines) else line
    for candidate in (line, two):
        if _ATTRIBUTION.search(candidate) and _ATTRIBUTION_START.search(candidate):
            return True
    if _FROM_LINE.match(line):
        return any(_HEADER_LINE.match(following.strip()) for following in lines[index + 1 : index + 6])
    return False


def strip_quoted(text: str) -> str:
    """The new words of a reply: cut at the quoted earlier message; the full text if nothing would be left."""
    lines = text.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if _quote_starts(lines, index):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
    while kept and re.fullmatch(r"\s*_{5,}\s*|\s*", kept[-1]):  # Outlook's rule above its header block
        kept.pop()
    result = clean_text("\n".join(kept))
    return result or text


# --- MIME structure ---------------------------------------------------------
