"""Settings parser: every input either parses into range or raises AnodeLabError naming the setting."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from anodelab.errors import AnodeLabError
from anodelab.simulate import parse_settings
from anodelab.simulate.cli import parse_set_options
from anodelab.simulate.settings import PROTOCOLS, SPECS

NAMES = [(p, n) for p in PROTOCOLS for n in SPECS[p]]
values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12), st.text(max_size=12),
    st.booleans(), st.none(), st.lists(st.integers(), max_size=2),
)


@hsettings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES), values)
def test_any_value_parses_in_range_or_names_the_setting(pn, value):
    protocol, name = pn
    spec = SPECS[protocol][name]
    try:
        s = parse_settings(protocol, {name: value})
    except AnodeLabError as exc:
        assert name in str(exc)
        return
    got = getattr(s, name)
    if got is None:  # a derived default requested with None
        return
    assert math.isfinite(got)
    assert (got >= spec.low if spec.low_inclusive else got > spec.low) and got <= spec.high
    if spec.integer:
        assert isinstance(got, int)


@hsettings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_as_strings_parse_like_numbers(pn, x):
    protocol, name = pn
    try:
        a = parse_settings(protocol, {name: x})
    except AnodeLabError:
        with pytest.raises(AnodeLabError, match=name):
            parse_settings(protocol, {name: repr(x)})
        return
    assert parse_settings(protocol, {name: repr(x)}) == a


@given(st.text(max_size=30))
def test_unknown_names_and_protocols(name):
    if name not in SPECS["eis"]:
        with pytest.raises(AnodeLabError, match="unknown setting"):
            parse_settings("eis", {name: 1})
    if name not in PROTOCOLS:
        with pytest.raises(AnodeLabError, match="protocol"):
            parse_settings(name, {})


@given(st.lists(st.text(max_size=15), max_size=4))
def test_set_option_parser_never_crashes(items):
    try:
        out = parse_set_options(items)
    except AnodeLabError:
        return
    assert all(k and v for k, v in out.items())


def test_examples_of_messages():
    with pytest.raises(AnodeLabError, match=r"'cycles' of protocol 'symmetric' \(number of plating/stripping cycles\) must be a whole number ≥ 1"):
        parse_settings("symmetric", {"cycles": 2.5})
    with pytest.raises(AnodeLabError, match="either 'cycles' or 'duration_h'"):
        parse_settings("symmetric", {"cycles": 2, "duration_h": 3})
    with pytest.raises(AnodeLabError, match="'max_mA_cm2'"):
        parse_settings("ccd", {"start_mA_cm2": 2, "max_mA_cm2": 1})
    with pytest.raises(AnodeLabError, match="at most 10000"):
        parse_settings("ccd", {"step_mA_cm2": 1e-4, "max_mA_cm2": 10})
    with pytest.raises(AnodeLabError, match="melting point"):
        parse_settings("arrhenius", {"t_max_C": 150})
    assert parse_settings("symmetric", {"cycles": "12"}).cycles == 12
