"""One process-pool policy: CPUs from the affinity mask, data given at fork."""

from __future__ import annotations

import os

from guidebook.common import workers


def _double_with_state(value: int) -> tuple[int, int]:
    state = workers.received()
    return value * 2, state["factor"] * value


def test_children_receive_the_state_at_fork_and_the_parent_keeps_none() -> None:
    assert workers.can_fork()
    with workers.forked_pool(2, {"factor": 10}) as pool:
        assert list(pool.map(_double_with_state, [1, 2, 3])) == [(2, 10), (4, 20), (6, 30)]
    assert workers.received() is None


def test_cpus_come_from_the_affinity_mask() -> None:
    assert workers.available_cpus() == len(os.sched_getaffinity(0))
