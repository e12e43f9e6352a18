"""FirmId: the unified social credit code (GB 32100-2015), checked on input position by position."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sharemarket import FirmId, InvalidInput
from sharemarket.domain.firm_id import CATEGORIES, CHARSET, WEIGHTS, check_character
from tests.strategies import firm_ids

REAL_CODES = ["91350100M000100Y43", "91110000802100433B"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    """The two published examples are accepted as they are written."""
    assert code == FirmId(code).code


def test_check_character_follows_the_standard_weights():
    """The check character is (31 - sum(value * weight) mod 31) mod 31, weights 3^i mod 31."""
    assert [pow(3, i, 31) for i in range(17)] == list(WEIGHTS)
    first_17 = "91350100M000100Y4"
    total = sum(CHARSET.index(c) * w for c, w in zip(first_17, WEIGHTS, strict=True))
    assert CHARSET[(31 - total % 31) % 31] == check_character(first_17)
    assert "3" == check_character(first_17)


@given(firm_ids())
def test_generated_valid_codes_pass(firm):
    """Any code built with a valid authority, digit region and computed check character passes."""
    assert firm == FirmId(firm.code)


@given(firm_ids(), st.data())
def test_any_single_character_change_is_rejected(firm, data):
    """Changing any one character of a valid code to another character of the set is caught.

    The weights are non-zero modulo the prime 31, so every single substitution changes the
    weighted sum modulo 31 and the check character no longer fits.
    """
    position = data.draw(st.integers(min_value=0, max_value=17), label="position (0-based)")
    replacement = data.draw(
        st.sampled_from(CHARSET).filter(lambda c: c != firm.code[position]), label="replacement"
    )
    changed = firm.code[:position] + replacement + firm.code[position + 1 :]
    with pytest.raises(InvalidInput):
        FirmId(changed)


def test_every_single_substitution_of_the_real_codes_is_rejected():
    """Exhaustively: all 18 x 30 substitutions of each published code are refused."""
    for code in REAL_CODES:
        accepted = []
        for position in range(18):
            for replacement in CHARSET:
                if replacement == code[position]:
                    continue
                changed = code[:position] + replacement + code[position + 1 :]
                try:
                    FirmId(changed)
                except InvalidInput:
                    continue
                accepted.append(changed)
        assert [] == accepted


@given(firm_ids())
def test_lower_case_and_surrounding_spaces_are_normalised(firm):
    """Lower-case input is upper-cased (and surrounding spaces dropped) to the same FirmId."""
    assert firm == FirmId(firm.code.lower())
    assert firm == FirmId(f"  {firm.code.lower()} ")


@given(firm_ids(), st.data())
def test_a_bad_character_names_its_position(firm, data):
    """A character outside the set is reported with its 1-based position."""
    position = data.draw(st.integers(min_value=0, max_value=17))
    bad = data.draw(st.sampled_from("IOSVZ!*-"))
    changed = firm.code[:position] + bad + firm.code[position + 1 :]
    with pytest.raises(
        InvalidInput, match=re.escape(f"bad character '{bad}' at position {position + 1};")
    ):
        FirmId(changed)


@given(firm_ids(), st.sampled_from([c for c in CHARSET if c not in CATEGORIES]))
def test_a_wrong_registration_authority_names_position_1(firm, authority):
    """Position 1 is one of the registration authorities in use; any other character is
    reported at position 1, with the authorities that exist."""
    first_17 = authority + firm.code[1:17]
    with pytest.raises(InvalidInput, match=r"position 1 .*no registration authority uses"):
        FirmId(first_17 + check_character(first_17))


@given(firm_ids(), st.data())
def test_a_category_its_authority_does_not_assign_names_position_2(firm, data):
    """Position 2 is a category the authority of position 1 assigns (91 enterprises, 81 trade
    unions, N3 rural collectives...); another category is reported at position 2, with the
    ones that authority assigns."""
    authority = firm.code[0]
    category = data.draw(st.sampled_from([c for c in CHARSET if c not in CATEGORIES[authority]]))
    first_17 = authority + category + firm.code[2:17]
    with pytest.raises(InvalidInput, match=rf"position 2 .*{authority!r} does not assign"):
        FirmId(first_17 + check_character(first_17))


@pytest.mark.parametrize(
    ("pair", "who"),
    [
        ("12", "a public institution (the park's service centre)"),
        ("31", "a law firm"),
        ("51", "a social group"),
        ("52", "a private non-enterprise unit (a private school)"),
        ("81", "a grassroots trade union"),
        ("91", "an enterprise"),
        ("92", "an individual business"),
        ("93", "a farmers' cooperative"),
        ("N3", "a rural collective economic organisation"),
        ("Y1", "another registration authority's unit"),
    ],
)
def test_the_members_a_park_has_are_accepted(pair, who):
    """A park's members include unions, law firms, schools and rural collectives, not only
    firms (issue 12): each pair in use is a valid code once its check character is right."""
    first_17 = pair + "350526" + "MA2YB7LX3"
    assert pair == FirmId(first_17 + check_character(first_17)).code[:2], who


@given(firm_ids(), st.integers(min_value=2, max_value=7), st.sampled_from(CHARSET[10:]))
def test_a_letter_in_the_region_names_positions_3_to_8(firm, position, letter):
    """Positions 3-8 are the region code and must be digits."""
    changed = firm.code[:position] + letter + firm.code[position + 1 :]
    with pytest.raises(InvalidInput, match=r"positions 3-8 .*must be digits"):
        FirmId(changed)


@given(firm_ids(), st.data())
def test_a_wrong_check_character_says_what_it_should_be(firm, data):
    """A wrong check character is reported at position 18 with the character it should be."""
    wrong = data.draw(st.sampled_from(CHARSET).filter(lambda c: c != firm.code[17]))
    with pytest.raises(InvalidInput, match=f"position 18 .*should be '{firm.code[17]}'"):
        FirmId(firm.code[:17] + wrong)


@given(firm_ids(), st.integers(min_value=0, max_value=40))
def test_wrong_length_is_rejected_with_the_length(firm, length):
    """A code of any length but 18 is refused, and the message says how long it is."""
    assume(length != 18)
    code = (firm.code * 3)[:length]
    with pytest.raises(InvalidInput, match=f"has {length} characters; it must have 18"):
        FirmId(code)


@pytest.mark.parametrize("value", [None, 91350100, b"91350100M000100Y43"])
def test_non_strings_raise_type_error(value):
    """A code is a str; anything else is a programming error (TypeError)."""
    with pytest.raises(TypeError):
        FirmId(value)


def test_region_and_short_form():
    """region gives positions 3-8; short and str give readable forms."""
    firm = FirmId("91350100M000100Y43")
    assert "350100" == firm.region
    assert "91350…Y43" == firm.short
    assert "91350100M000100Y43" == str(firm)


@given(firm_ids(), firm_ids())
def test_ids_order_and_compare_by_code(a, b):
    """FirmIds are equal, hash and order exactly as their codes do."""
    assert (a.code == b.code) == (a == b)
    assert (a.code < b.code) == (a < b)
    if a == b:
        assert hash(a) == hash(b)
