"""Long-lived language tools: hunspell and apertium-nno-nob as subprocesses.

Each tool is started on first use and kept for the life of the process, one per
command line, behind a lock so threads take turns. A batch of unique words goes
in, the whole answer comes out (a writer thread feeds the pipe, so a large batch
cannot deadlock). Answers are cached per word, so a text checked again while it
is being written costs almost nothing.

- `hunspell -l` (through `stdbuf -oL`, so it answers line by line) lists the
  words not in the dictionary; a sentinel word marks the end of a batch.
  Suggestions come from a second `hunspell -a` and are slow (about 60 ms a
  word), so each check asks for at most a time budget's worth.
- `lt-proc -z -e` analyses words with the apertium morphology (nno or nob);
  `-z` flushes at every NUL byte.
- The `nob-nno` (or `nno-nob`) translation mode is run as its own pipeline with
  `-z` on every stage (the `apertium` wrapper script does not flush).

When a program or data file is missing, `ToolMissing` carries a plain Nynorsk
reason for the report.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .types import Config

SENTINEL = "zqxjkvslutt"
TIMEOUT = 20.0
_CACHE_LIMIT = 200_000


class ToolMissing(Exception):
    """A language tool is not installed; `str(exc)` is the reason shown to the user."""


class ToolFailed(ToolMissing):
    """A tool started but did not answer."""


class _Pipe:
    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        return self.proc

    def exchange(self, data: bytes, done: Callable[[bytes], bool]) -> bytes:
        with self.lock:
            proc = self._start()
            assert proc.stdin is not None and proc.stdout is not None
            stdin, fd = proc.stdin, proc.stdout.fileno()

            def write() -> None:
                with contextlib.suppress(OSError):
                    stdin.write(data)
                    stdin.flush()

            writer = threading.Thread(target=write, daemon=True)
            writer.start()
            out = bytearray()
            deadline = time.monotonic() + TIMEOUT
            while not done(bytes(out)):
                ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
                chunk = os.read(fd, 65536) if ready else b""
                if not chunk:
                    self.close()
                    raise ToolFailed(f"{self.argv[0]} svara ikkje.")
                out += chunk
            writer.join()
            return bytes(out)

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=2)
        self.proc = None


_pipes: dict[tuple[str, ...], _Pipe] = {}
_pipes_lock = threading.Lock()
_cache: dict[tuple[str, str, str], object] = {}


def _pipe(argv: list[str]) -> _Pipe:
    key = tuple(argv)
    with _pipes_lock:
        if key not in _pipes:
            _pipes[key] = _Pipe(argv)
        return _pipes[key]


@atexit.register
def close_all() -> None:
    """Stop every tool this process started."""
    with _pipes_lock:
        for p in _pipes.values():
            p.close()
        _pipes.clear()


def clear_caches() -> None:
    """Forget every cached answer (the tools keep running)."""
    _cache.clear()


def _cached(kind: str, tool: str, words: Iterable[str], fetch: Callable[[list[str]], dict[str, object]]) -> dict:
    words = list(dict.fromkeys(words))
    missing = [w for w in words if (kind, tool, w) not in _cache]
    if missing:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        for w, value in fetch(missing).items():
            _cache[(kind, tool, w)] = value
    return {w: _cache.get((kind, tool, w)) for w in words}


def _which(program: str) -> str | None:
    return shutil.which(program) if os.sep not in program else (program if os.access(program, os.X_OK) else None)


class Tools:
    """The language tools for one configuration; cheap to make, the processes are shared."""

    def __init__(self, config: Config) -> None:
        self.config = config

    # --- hunspell ---------------------------------------------------------
    def _dictionary(self, lang: str) -> str:
        program = _which(self.config.hunspell)
        base = Path(self.config.hunspell_data) / lang
        if program is None or not base.with_suffix(".dic").exists():
            raise ToolMissing(
                f"Stavekontrollen køyrde ikkje: hunspell eller ordlista {lang} manglar "
                "(installer Debian-pakkane hunspell og hunspell-no)."
            )
        return str(base)

    def misspelled(self, words: Iterable[str], lang: str) -> set[str]:
        """The words hunspell does not know, out of `words` (one word each, no spaces)."""
        dic = self._dictionary(lang)
        stdbuf = shutil.which("stdbuf")
        argv = [stdbuf, "-oL"] if stdbuf else []
        argv += [_which(self.config.hunspell) or self.config.hunspell, "-l", "-d", dic, "-i", "utf-8"]

        def fetch(batch: list[str]) -> dict[str, object]:
            data = ("\n".join(batch) + f"\n{SENTINEL}\n").encode()
            out = _pipe(argv).exchange(data, lambda b: f"{SENTINEL}\n".encode() in b)
            bad = set(out.decode("utf-8", "replace").split("\n"))
            return {w: w in bad for w in batch}

        return {w for w, bad in _cached("hun-l", dic, words, fetch).items() if bad}

    def suggestions(self, words: Iterable[str], lang: str, budget: float = 0.1) -> dict[str, list[str]]:
        """hunspell's suggestions for misspelled words, within `budget` seconds (then cached)."""
        dic = self._dictionary(lang)
        argv = [_which(self.config.hunspell) or self.config.hunspell, "-a", "-d", dic, "-i", "utf-8"]
        pipe = _pipe(argv)
        result: dict[str, list[str]] = {}
        stop = time.monotonic() + budget
        for w in dict.fromkeys(words):
            key = ("hun-a", dic, w)
            if key not in _cache:
                if time.monotonic() > stop:
                    continue
                if pipe.proc is None:  # skip the version banner
                    pipe.exchange(b"", lambda b: b"\n" in b)
                out = pipe.exchange(f"^{w}\n".encode(), lambda b: b.endswith(b"\n\n")).decode("utf-8", "replace")
                m = re.search(r"^& \S+ \d+ \d+: (.*)$", out, re.M)
                _cache[key] = [s.strip() for s in m.group(1).split(",")] if m else []
            result[w] = list(_cache[key])  # type: ignore[call-overload]
        return result

    # --- apertium -----------------------------------------------------------
    def _apertium_file(self, name: str) -> str:
        path = Path(self.config.apertium_data) / "apertium-nno-nob" / name
        if _which(self.config.lt_proc) is None or not path.exists():
            raise ToolMissing(
                "Apertium manglar (installer Debian-pakken apertium-nno-nob), "
                "så berre den innebygde ordlista over bokmåls- og nynorskformer vart brukt."
            )
        return str(path)

    def analyse(self, words: Iterable[str], lang: str) -> dict[str, list[str]]:
        """Apertium analyses per word (`lang` "nno" or "nob"); an empty list means unknown."""
        path = self._apertium_file("nno-nob.automorf.bin" if lang == "nno" else "nob-nno.automorf.bin")
        argv = [_which(self.config.lt_proc) or self.config.lt_proc, "-z", "-e", path]

        def fetch(batch: list[str]) -> dict[str, object]:
            out = _pipe(argv).exchange(("\n".join(batch) + "\n\0").encode(), lambda b: b.endswith(b"\0"))
            found: dict[str, object] = {w: ["?"] for w in batch}  # not echoed back: treat as known
            for m in re.finditer(r"\^([^/$]*)/([^$]*)\$", out.decode("utf-8", "replace")):
                readings = m.group(2).split("/")
                found[m.group(1)] = [] if readings[0].startswith("*") else readings
            return found

        return _cached("lt", path, words, fetch)

    def translate(self, words: Iterable[str], mode: str) -> dict[str, str | None]:
        """Word-by-word translation through apertium (`mode` "nob-nno" or "nno-nob"); None if unknown."""
        mode_file = Path(self.config.apertium_data) / "modes" / f"{mode}.mode"
        self._apertium_file("nno-nob.automorf.bin")
        if not mode_file.exists():
            raise ToolMissing(f"Apertium-omsetjinga {mode} manglar (Debian-pakken apertium-nno-nob).")
        pipeline = mode_file.read_text().strip().replace("$1", "-g").replace("$2", "")
        stages = [shlex.split(stage) for stage in pipeline.split("|")]
        if any(_which(s[0]) is None for s in stages):
            raise ToolMissing(f"Eit av programma i apertium-omsetjinga {mode} manglar.")
        command = " | ".join(shlex.join([s[0], "-z", *s[1:]]) for s in stages)

        def fetch(batch: list[str]) -> dict[str, object]:
            # one sentence per word: the syntax grammar's window then stays one word long
            data = "".join(f"w{i} {w} .\n" for i, w in enumerate(batch)) + "\0"
            out = _pipe(["bash", "-c", command]).exchange(data.encode(), lambda b: b.endswith(b"\0"))
            found: dict[str, object] = dict.fromkeys(batch)
            for m in re.finditer(r"^[*#@]?w(\d+) (\S.*?) ?\.?$", out.decode("utf-8", "replace"), re.M):
                i, target = int(m.group(1)), m.group(2).strip()
                if i < len(batch) and target[:1] not in "*#@":
                    found[batch[i]] = target
            return found

        return _cached("tr", mode, words, fetch)
