"""Reading and writing at the same time, when that is faster: a reader thread parses and screens,
the caller writes.

The reader thread turns the file into records (:mod:`.noark`, :mod:`.einnsyn`), gathers
them into batches of about ``batch_size`` entries and screens each batch
(:class:`.prepare.Preparer`): pure Python, no database. The caller's thread only writes
(:class:`.writer.Writer`), inside its transaction, on its own database connection. While
SQLite or PostgreSQL works on a batch, the database driver lets go of Python's lock and the
reader can parse the next ones.

That pays only when a second processor core is free. On a busy machine the two threads wait
for each other's turn with Python's lock, and reading in turn with the writes is faster
(measured here at 200,000 entries on SQLite: 9,900 against 6,400 entries/s on a quiet
machine; at a million on a loaded one, 4,600 against 6,100). So the pipeline measures: the
reader reads ahead for a few batches, then only when asked for a few, keeps the faster way
for a while, and tries the other again now and then. Parsing always happens in the reader
thread (lxml's trees must stay in the thread that made them); only how far it may read
ahead changes.

A problem in the file (ImportRejected) or any other error in the reader is raised in the
caller's thread, in file order, so the caller's transaction rolls back. If the caller stops
early, the reader is told to stop and is waited for.
"""

from __future__ import annotations

import gc
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .prepare import Batch, Preparer
from .records import SaksmappeRecord, Skipped, Withdrawal

QUEUE_DEPTH = 3  # batches the reader may screen ahead of the writer
# While both threads are busy, a thread that let go of Python's lock for a database call waits
# up to the switch interval (5 ms by default) to get it back: the writer makes many such calls.
SWITCH_INTERVAL = 0.0005
# Python's cycle collector would walk the batches in flight over and over (a fifth of the
# reader's time at a million entries); the import makes no reference cycles of its own, so the
# collector waits until it is done.
PAUSE_COLLECTOR = True
TRIAL_BATCHES = 6  # batches each way when trying both
KEEP_BATCHES = 60  # batches the faster way before trying the other again

Item = Batch | Withdrawal | Skipped
logger = logging.getLogger(__name__)


@dataclass
class _Failed:
    error: BaseException


_END = object()


def _produce(
    records: Iterable[SaksmappeRecord | Withdrawal | Skipped],
    preparer: Preparer,
    batch_size: int,
    bytes_read: Callable[[], int],
) -> Iterator[Item]:
    pending: list[SaksmappeRecord] = []
    entries = 0
    for record in records:
        if isinstance(record, SaksmappeRecord):
            pending.append(record)
            entries += len(record.journalposts)
            if entries < batch_size:
                continue
        if pending:
            batch = preparer.batch(pending, entries)
            batch.bytes_read = bytes_read()
            pending, entries = [], 0
            yield batch
        if not isinstance(record, SaksmappeRecord):
            yield record  # in file order, after the cases read before it
    if pending:
        batch = preparer.batch(pending, entries)
        batch.bytes_read = bytes_read()
        yield batch


class _Reader:
    """A thread that advances ``produced``, one batch for each credit it is given.

    All parsing happens in this one thread: lxml's parser and tree must stay in the thread
    that made them (libxml2 names from one thread's dictionary, freed by another, crash the
    process). Credits set how far it may read ahead: several, or one when it is asked.
    """

    def __init__(self, produced: Iterator[Item]):
        self.produced = produced
        self.items: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.credits = threading.Semaphore(0)
        self.outstanding = 0  # credits given and not yet taken back as items
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="torg-journal-reader", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            while not self.credits.acquire(timeout=0.1):
                if self.stop.is_set():
                    return
            if self.stop.is_set():
                return
            try:
                item: object = next(self.produced)
            except StopIteration:
                self.items.put(_END)
                return
            except BaseException as error:  # noqa: BLE001  (handed to the caller's thread, which raises it)
                self.items.put(_Failed(error))
                return
            self.items.put(item)

    def get(self, ahead: int) -> object:
        """The next item; ``ahead`` batches more may be read meanwhile (0: read only when asked)."""
        while self.outstanding < max(ahead, 1):
            self.credits.release()
            self.outstanding += 1
        item = self.items.get()
        self.outstanding -= 1
        if isinstance(item, _Failed):
            raise item.error
        return item

    def close(self) -> None:
        self.stop.set()
        self.credits.release()
        self.thread.join()


class _Adaptive:
    """Batches in file order, read ahead in the reader thread or in turn with the writes,
    whichever was faster lately.

    It runs in windows: a trial of TRIAL_BATCHES one way, then the other, then KEEP_BATCHES
    the faster way; a window's rate leaves out its first batch (it pays for the switch).
    """

    def __init__(self, produced: Iterator[Item], *, adaptive: bool):
        self.reader = _Reader(produced)
        self.adaptive = adaptive
        self.ahead = True
        self.rates: dict[bool, float] = {}  # entries a second, by the way (ahead or not)
        self.left = TRIAL_BATCHES
        self.skip = 1  # batches not to count after a switch
        self.window_started = time.perf_counter()
        self.window_entries = 0
        self.batches = {True: 0, False: 0}  # batches read each way

    def __iter__(self) -> Iterator[Item]:
        while True:
            item = self.reader.get(QUEUE_DEPTH if self.ahead else 0)
            if item is _END:
                return
            yield item  # type: ignore[misc]
            if isinstance(item, Batch):
                self.batches[self.ahead] += 1
                if self.adaptive:
                    self._count(item.entries_read)

    def _count(self, entries: int) -> None:
        if self.skip:
            self.skip -= 1
            self.window_started = time.perf_counter()
            return
        self.window_entries += entries
        self.left -= 1
        if self.left > 0:
            return
        self.rates[self.ahead] = self.window_entries / max(time.perf_counter() - self.window_started, 1e-9)
        if (not self.ahead) not in self.rates:
            self._switch(not self.ahead)  # try the other way
            self.left = TRIAL_BATCHES
        else:
            faster = self.rates[True] >= self.rates[False]
            self.rates = {faster: self.rates[faster]}  # the other is tried again after this window
            self._switch(faster)
            self.left = KEEP_BATCHES
        self.window_started = time.perf_counter()
        self.window_entries = 0

    def _switch(self, ahead: bool) -> None:
        if ahead != self.ahead:
            self.ahead = ahead
            self.skip = 1

    def close(self) -> None:
        self.reader.close()
        logger.debug(
            "Journal import: %d batches read ahead in a thread, %d in turn with the writes",
            self.batches[True],
            self.batches[False],
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    paused = PAUSE_COLLECTOR and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@contextmanager
def batches(
    records: Iterable[SaksmappeRecord | Withdrawal | Skipped],
    *,
    preparer: Preparer,
    batch_size: int,
    bytes_read: Callable[[], int],
    read_ahead: bool | None = None,
) -> Iterator[Iterator[Item]]:
    """Screened batches (and withdrawals, skip counts) in file order.

    ``read_ahead``: True reads ahead in a thread, False in turn with the writes, None (the
    default) whichever is faster on this machine at the moment.
    """
    with _collector_paused():
        produced = _produce(records, preparer, batch_size, bytes_read)
        if read_ahead is False:
            yield produced
            return
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
        pipeline = _Adaptive(produced, adaptive=read_ahead is None)
        try:
            yield iter(pipeline)
        finally:
            pipeline.close()
            sys.setswitchinterval(interval)
