"""`direct_init` gives a frozen dataclass a faster `__init__` that makes the very same instances."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from registry.records import direct_init


@dataclass(frozen=True)
class Plain:
    a: int
    b: str = "b"
    c: list[int] = field(default_factory=list)
    d: dict[str, int] = field(default_factory=dict, hash=False, compare=False)


@direct_init
@dataclass(frozen=True)
class Fast:
    a: int
    b: str = "b"
    c: list[int] = field(default_factory=list)
    d: dict[str, int] = field(default_factory=dict, hash=False, compare=False)


@pytest.mark.parametrize(("args", "kwargs"), [
    ((1,), {}),
    ((1, "x"), {}),
    ((1,), {"c": [2], "d": {"k": 3}}),
    ((), {"d": {"k": 3}, "a": 4, "b": "y"}),
])
def test_the_instance_is_the_one_dataclasses_would_make(args, kwargs) -> None:
    fast, plain = Fast(*args, **kwargs), Plain(*args, **kwargs)
    assert list(vars(fast).items()) == list(vars(plain).items())  # the same fields, in order
    assert repr(fast) == repr(plain).replace("Plain", "Fast", 1)
    assert fast == Fast(*args, **kwargs) and fast != Fast(99)
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert dataclasses.replace(fast, b="z") == Fast(fast.a, "z", fast.c, fast.d)


def test_it_stays_frozen_and_each_instance_gets_its_own_default_list() -> None:
    one, two = Fast(1), Fast(2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.a = 5  # type: ignore[misc]
    assert one.c is not two.c and one.d is not two.d
    with pytest.raises(TypeError):
        Fast()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Fast(1, e=2)  # type: ignore[call-arg]


def test_it_hashes_as_dataclasses_would() -> None:
    @dataclass(frozen=True)
    class Key:
        a: int
        b: str = "b"

    fast = direct_init(dataclass(frozen=True)(type("Key", (), {"__annotations__": {"a": "int", "b": "str"},
                                                              "b": "b"})))
    assert hash(fast(1, "x")) == hash(Key(1, "x")) and hash(fast(1)) == hash(Key(1))
    assert len({fast(1), fast(1), fast(2)}) == 2


@pytest.mark.parametrize("shape", ["post_init", "kw_only", "init_false"])
def test_it_refuses_a_dataclass_whose_init_does_more(shape: str) -> None:
    namespace: dict = {"__annotations__": {"a": "int", "b": "int"}}
    if shape == "post_init":
        namespace["__post_init__"] = lambda self: None
    elif shape == "kw_only":
        namespace["b"] = field(kw_only=True)
    else:
        namespace["b"] = field(init=False, default=0)
    cls = dataclass(frozen=True)(type("Shaped", (), namespace))
    with pytest.raises(TypeError, match="not a plain dataclass"):
        direct_init(cls)
