"""The fast version-5 UUIDs must be exactly the standard library's: ids already stored and
named by recorded review events derive from them."""

import uuid

from hypothesis import given
from hypothesis import strategies as st

from registry.uuid5_fast import uuid5, uuid5_text

NAMESPACES = st.sampled_from([uuid.NAMESPACE_DNS, uuid.UUID("6f1d3c2a-5b7e-4f0a-9c8d-2e4b6a1f3d5c"),
                              uuid.UUID(int=0), uuid.UUID(int=(1 << 128) - 1)])


@given(NAMESPACES, st.text())
def test_equal_to_the_standard_librarys(namespace, name):
    expected = uuid.uuid5(namespace, name)
    made = uuid5(namespace, name)
    assert made == expected and hash(made) == hash(expected)
    assert str(made) == str(expected) == uuid5_text(namespace, name)
    assert (made.version, made.variant) == (5, uuid.RFC_4122)
    assert uuid.UUID(str(made)) == made


def test_a_known_value():
    # Python's own documentation example.
    assert uuid5_text(uuid.NAMESPACE_DNS, "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d"


def test_equal_in_more_namespaces_than_are_remembered():
    for namespace in [uuid.uuid4() for _ in range(100)]:
        assert uuid5_text(namespace, "名") == str(uuid.uuid5(namespace, "名"))
        assert uuid5(namespace, "名") == uuid.uuid5(namespace, "名")
