"""Process pools, one policy: how many CPUs, when to fork, how children get their data.

Three parts of the build use other processes: the generated pages (one
language per worker), the language builds of ``guidebook build`` and the
PDFs. They all count CPUs the same way (the affinity mask: a container's or
``taskset``'s limit, not the host's cores) and hand data to forked children
the same way: as the pool's initializer argument, which a forked child
inherits from the parent's memory instead of receiving it pickled.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any


def available_cpus() -> int:
    """The CPUs this process may run on.

    >>> available_cpus() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe: the platform has it and no other thread runs (forking
    a threaded process, such as ``mkdocs serve``, can deadlock the child)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


# In a forked child: what the parent handed to forked_pool(). Set by the
# pool's initializer in the child only; the parent never sets it.
_received: Any = None


def _receive(state: Any) -> None:
    global _received
    _received = state
    # Ctrl-C is the parent's to handle (one message, a clean stop), not every
    # worker's traceback; the parent stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def received() -> Any:
    """In a worker of ``forked_pool``: the ``state`` the parent gave the pool."""
    return _received


@contextmanager
def forked_pool(workers: int, state: Any) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` forked processes, each holding ``state`` (read it
    with ``received()``). Not multiprocessing.Pool: that one waits forever for
    the task of a worker that died; this executor reports it."""
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_receive, initargs=(state,)) as pool:
        yield pool


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) while processes are forked: Python runs its
    at-fork handlers then, and an interrupt raised inside one is printed and
    dropped, so the build would go on. Held, it arrives right after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
