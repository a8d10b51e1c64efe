"""The registry's transcoder must decode every stored event exactly as the library's does, and
refuse what the library refuses."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)
from hypothesis import given
from hypothesis import strategies as st

from registry.application import Registry
from registry.transcodings import DateAsISO, HistoryTranscoder


def _transcoders() -> tuple[JSONTranscoder, HistoryTranscoder]:
    library, ours = JSONTranscoder(), HistoryTranscoder()
    for transcoder in (library, ours):  # what the registry registers
        for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO()):
            transcoder.register(transcoding)
    return library, ours


LEAVES = (st.none() | st.booleans() | st.integers() | st.text() | st.dates()
          | st.decimals(allow_nan=False, allow_infinity=False, places=2)
          | st.datetimes(timezones=st.just(timezone(timedelta(hours=8)))) | st.uuids())
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


@given(st.dictionaries(st.text(max_size=8), VALUES, max_size=6))
def test_decodes_what_the_library_encoded_as_the_library_does(state):
    library, ours = _transcoders()
    stored = library.encode(state)
    assert ours.decode(stored) == library.decode(stored) == state


@pytest.mark.parametrize("stored", [b' {"a": 1} ', b'{"_type_": "date_iso"}',
                                    b'{"_type_": "x", "other": 1}', b'[]', b'"text"',
                                    # What orjson refuses and the library takes.
                                    b'{"a": 18446744073709551616}', b'{"a": NaN}',
                                    b'{"a": "\\ud800"}', b'{"a": 1e400}',
                                    # Transcoded values inside lists and inside each other.
                                    b'[{"_type_": "date_iso", "_data_": "2025-01-02"}, [1]]',
                                    b'{"_type_": "date_iso", "_data_": "2025-01-02", "x": 1}',
                                    b'{"l": [{"_type_": "decimal_str", "_data_": "1.50"}]}'])
def test_decodes_odd_but_valid_json_as_the_library_does(stored):
    library, ours = _transcoders()
    # By repr: NaN equals nothing, itself included.
    assert repr(ours.decode(stored)) == repr(library.decode(stored))


@pytest.mark.parametrize("stored", [b"", b"{", b'{"a": 1} x', b"nonsense"])
def test_refuses_what_is_not_json_as_the_library_does(stored):
    with pytest.raises(json.JSONDecodeError):
        _transcoders()[1].decode(stored)


@pytest.mark.parametrize("stored", [b'{"_type_": "nobody_knows", "_data_": 1}',
                                    b'[{"a": {"_type_": "nobody_knows", "_data_": 1}}]'])
def test_refuses_an_unregistered_type_as_the_library_does(stored):
    with pytest.raises(TranscodingNotRegisteredError):
        _transcoders()[1].decode(stored)


def test_the_registry_decodes_with_it():
    registry = Registry(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    assert isinstance(registry.mapper.transcoder, HistoryTranscoder)
    value = {"d": date(2025, 1, 2), "m": Decimal("1.00"), "u": UUID(int=5),
             "t": datetime(2025, 1, 2, tzinfo=UTC)}
    assert registry.mapper.transcoder.decode(registry.mapper.transcoder.encode(value)) == value
