"""Depth-bounded JSON: what json.loads reads, it reads the same, unless it nests too deep."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.channels import bounded_json

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\n'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=20,
)


@given(values)
def test_shallow_json_reads_as_json_loads_reads_it(value: object) -> None:
    body = json.dumps(value).encode()
    assert bounded_json.loads(body) == json.loads(body)


def test_depth_counts_brackets_outside_strings_only() -> None:
    assert bounded_json.depth_within(b'{"a": "[[[[\\"[[[["}', limit=1)
    assert not bounded_json.depth_within(b"[[[]]]", limit=2)
    with pytest.raises(ValueError):
        bounded_json.loads(b"[" * 100_000 + b"]" * 100_000)
