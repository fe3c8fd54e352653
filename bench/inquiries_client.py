"""The inquiry bench's residents: what they write, and a small HTTP/1.1 client on raw asyncio sockets.

Split from bench/inquiries.py (which drives them and reports); see its docstring for the bench.
"""

from __future__ import annotations

import asyncio
import random
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

HOST = "127.0.0.1"
EMAIL_DOMAIN = "bench.example"
TIMEOUT = 60.0

_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_KIND = re.compile(rb'name="kind" value="([a-z_]+)"')
_ABOUT = re.compile(rb'<option value="((?:omrade|teneste)-\d+|)"')
_RECEIPT_REF = re.compile(rb"torg-receipt__reference[^>]*>\s*(ST-[0-9A-Z]+)\s*<")
_LOCATION_REF = re.compile(r"/(ST-[0-9A-Z]+)/kvittering/")
_ERROR_LINK = re.compile(rb'<a href="#inquiry-[a-z_-]+">([^<]+)</a>')

# --- What residents write (Nynorsk) ----------------------------------------------------

PLACES = ["Storgata 12", "Kyrkjevegen", "Fjordvegen ved kaia", "leikeplassen bak Haugen skule", "Sjøgata 3",
          "Nedre Dale", "idrettsplassen på Moen", "Bakkevegen 4", "busshaldeplassen ved rådhuset", "Strandparken"]  # fmt: skip
DAYS = ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag", "førre veke"]
TOPICS = ["barnehageplass", "byggjeløyve", "bustøtte", "parkeringsløyve", "heimeteneste", "SFO-plass"]
NAMES = ["Kari Nordmann", "Ola Vik", "Ingrid Haugland", "Lars Dale", "Sigrid Aasen", "Nils Bø",
         "Astrid Fjell", "Per Lunde", "Marit Hove", "Eirik Sunde", "Solveig Rønning", ""]  # fmt: skip
TEXTS: dict[str, list[tuple[str, str]]] = {  # kind -> (title, text)
    "sporsmal": [
        ("Symjehallen", "Kva tid opnar symjehallen att etter oppussinga? Borna mine vil gjerne byrja på symjekurs."),
        ("Søknad om {topic}", "Eg lurer på korleis eg søkjer om {topic}. Kva frist gjeld, og kva kostar det?"),
        ("Hjelp med søknad", "Kan nokon hjelpa meg å fylla ut søknaden om {topic}? Eg bur i {place}."),
        ("Hageavfall", "Kvar kan eg levera hageavfall no? Gjenvinningsstasjonen ved {place} ser ut til å vera stengd."),
    ],
    "tilbakemelding": [
        ("Takk for hjelpa", "Takk for god hjelp på servicetorget {day}. Dei tok seg god tid og forklarte alt enkelt."),
        ("Leikeplassen", "Det nye leikeapparatet ved {place} er svært populært. Ein benk til hadde vore fint."),
        ("Nettsida om {topic}", "Sida om {topic} er lett å forstå, men eg fann ikkje opningstidene. Legg dei øvst."),
    ],
    "klage": [
        ("Ventar på svar", "Eg klagar på at søknaden min om {topic} ikkje er svara på etter {n} veker."),
        ("Dårleg mottak", "Eg ringde til kommunen {day}, vart sett over {n} gonger og fekk ikkje svar."),
        ("Brøyting", "Brøytinga i {place} er for dårleg. Heimetenesta har ikkje kome fram på {n} dagar."),
    ],
    "feilmelding": [
        ("Gatelys sløkt", "Gatelyset ved {place} har vore sløkt sidan {day}. Det er mørkt for skuleborna om morgonen."),
        ("Hol i vegen", "Det er eit stort hol i vegen ved {place}. Det er farleg for syklistar, særleg i mørkret."),
        ("Øydelagd benk", "Benken ved {place} er øydelagd, og det stikk ut spikar. Born leikar der kvar dag."),
        ("Vasslekkasje", "Vasskrana ved {place} lek, og det renn vatn ut på gangvegen. Det frys om natta."),
    ],
}


def compose(index: int, kinds: list[str], abouts: list[str], token: str) -> tuple[list[tuple[str, str]], str]:
    """The form fields resident ``index`` sends (in the form's order), and their e-mail address."""
    rng = random.Random(index)
    kind = kinds[index % len(kinds)]
    title, text = rng.choice(TEXTS.get(kind) or TEXTS["sporsmal"])
    words = {"place": rng.choice(PLACES), "day": rng.choice(DAYS), "topic": rng.choice(TOPICS)}
    words["n"] = str(rng.randint(2, 9))
    name = rng.choice(NAMES)
    text = text.format(**words) + (f"\n\nHelsing {name.split()[0]}" if name and rng.random() < 0.5 else "")
    email = f"resident-{index}@{EMAIL_DOMAIN}"
    phone = f"9{rng.randint(0, 9_999_999):07d}" if rng.random() < 0.3 else ""
    fields = [("csrfmiddlewaretoken", token), ("kind", kind), ("about", rng.choice(abouts)),
              ("title", title.format(**words)), ("text", text)]  # fmt: skip
    if kind == "klage" and rng.random() < 0.3:
        fields.append(("about_enkeltvedtak", "on"))
    fields += [("address", words["place"] if kind == "feilmelding" else ""), ("latitude", ""), ("longitude", ""),
               ("contact_name", name), ("email", email), ("phone", phone)]  # fmt: skip
    if kind in ("tilbakemelding", "feilmelding") and rng.random() < 0.5:
        fields.append(("wants_public", "on"))
    return [*fields, ("website", "")], email


def multipart(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    """The body a browser sends for the form: every field, and the file input left empty."""
    boundary = "----torgbench" + secrets.token_hex(8)
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n{v}\r\n' for n, v in fields]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n')
    parts.append(f"Content-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


# --- A small HTTP/1.1 client: one keep-alive connection and cookie jar per resident ----------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class Browser:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: Mapping[str, str] = {}) -> Response:
        return await asyncio.wait_for(self._request(method, path, body, headers), TIMEOUT)

    async def _request(self, method: str, path: str, body: bytes, extra: Mapping[str, str]) -> Response:
        if self.conn is None:
            self.conn = await asyncio.open_connection(HOST, self.port)
        reader, writer = self.conn
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}", "User-Agent: torg-bench/1",
                 "Accept: text/html", "Accept-Language: nn", *(f"{k}: {v}" for k, v in extra.items())]  # fmt: skip
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in head[1:]:
            name, _sep, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                pair, *attributes = value.split(";")
                cookie, _sep, content = pair.strip().partition("=")
                self.cookies[cookie] = content
                if any(a.strip().lower() == "max-age=0" for a in attributes):
                    del self.cookies[cookie]
            elif name:
                headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while size := int((await reader.readline()).split(b";")[0], 16):
                chunks.append((await reader.readexactly(size + 2))[:-2])
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            data = b"".join(chunks)
        elif "content-length" in headers:
            data = await reader.readexactly(int(headers["content-length"]))
        else:
            data, headers["connection"] = await reader.read(), "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        return Response(int(head[0].split()[1]), headers, data)

    def close(self) -> None:
        if self.conn is not None:
            self.conn[1].close()
            self.conn = None


# --- Load ------------------------------------------------------------------------------
