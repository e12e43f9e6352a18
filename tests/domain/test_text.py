"""The one text rule and the one personal-data check (issue 12, items 4 and 8)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sharemarket import InvalidInput, PersonalDataRefused
from sharemarket.domain.actor import check_user_id
from sharemarket.domain.labour.workers import check_worker_ref
from sharemarket.domain.text import BIDI_CONTROLS, free_text, opaque_id, personal_data_in
from tests.strategies import chinese_names, names, phone_numbers, resident_ids

#: Ways people write a phone or ID number with separators or in other digit forms.
WRITTEN_NUMBERS = [
    "350526-19900101-1234",
    "350526 19900101 123X",
    "(138)1234-5678",
    "+86 138 1234 5678",
    "138.1234.5678",
    "１３８１２３４５６７８",  # full-width digits
    "１３８ １２３４ ５６７８",
    "(0595)2345-6789",
    "0595-23456789",
    "٣٥٠٥٢٦١٩٩٠٠١٠١١٢٣٤",  # Arabic-Indic digits: a resident ID
]


@pytest.mark.parametrize("number", WRITTEN_NUMBERS)
def test_numbers_written_with_separators_or_other_digits_are_personal_data(number):
    """The check reads normalised digits: separators and digit systems do not hide a number."""
    assert personal_data_in(number) is not None
    with pytest.raises(PersonalDataRefused):
        free_text(f"call {number} about the order", "reason", 200)
    with pytest.raises(PersonalDataRefused):
        check_user_id(number.replace(" ", ""))
    with pytest.raises(PersonalDataRefused):
        check_worker_ref(number.replace(" ", ""))


@given(st.one_of(phone_numbers(), resident_ids()))
def test_generated_phone_and_id_numbers_are_refused_in_free_text(number):
    with pytest.raises(PersonalDataRefused):
        free_text(f"worker {number} was late", "reason", 500)


@given(chinese_names())
def test_a_chinese_name_is_refused_as_an_identifier(name):
    """A user id or worker reference in Chinese characters may be a person's name."""
    with pytest.raises(PersonalDataRefused):
        check_user_id(name)
    with pytest.raises(PersonalDataRefused):
        check_worker_ref(name)


@given(names())
def test_readable_names_pass_free_text_normalised_and_trimmed(name):
    """Firm and park names (Latin and CJK letters with inner spaces) pass, NFC and trimmed."""
    assume(personal_data_in(name) is None)
    assert unicodedata.normalize("NFC", name).strip() == free_text(f"  {name} ", "name", 200)


@pytest.mark.parametrize(
    "text",
    [
        "德化县同鑫陶瓷有限公司",
        "彩绘 painting, 60,000 pieces",
        "shifts of 2026-04-13 to 2026-04-20",
        "order PO-2026-0413",
        "¥12,000.00 for 3 days",
    ],
)
def test_ordinary_park_text_passes(text):
    """Dates, amounts and order numbers are not personal data."""
    assert text == free_text(text, "reason", 200)


@given(
    st.text(alphabet=st.characters(categories=("L", "N", "P", "S")), max_size=10),
    st.sampled_from(sorted(BIDI_CONTROLS)),
)
def test_a_bidi_control_anywhere_is_refused(text, control):
    """U+202E and its kin make the audit trail read otherwise than it is stored."""
    with pytest.raises(InvalidInput, match="bidirectional control"):
        free_text(text + control + "abc", "reason", 200)


@given(st.characters(categories=("Cc",)))
def test_a_control_character_is_refused(control):
    assume(not control.isspace() or control not in " ")
    text = f"a{control}b"
    with pytest.raises(InvalidInput):
        free_text(text, "reason", 200)


@given(st.text(alphabet="\u200b\u200c\u200d\u2060\ufeff \u3000\t", min_size=0, max_size=8))
def test_text_of_invisible_characters_only_is_empty(text):
    """A name of zero-width spaces is no name."""
    with pytest.raises(InvalidInput):
        free_text(text, "firm name", 200)


@given(st.integers(min_value=0xD800, max_value=0xDFFF))
def test_a_lone_surrogate_is_invalid_input_not_a_unicode_error(code):
    """A lone surrogate cannot be stored as UTF-8: it is refused as input, with the reason."""
    with pytest.raises(InvalidInput, match="lone surrogate"):
        free_text(f"abc{chr(code)}", "reason", 200)
    with pytest.raises(InvalidInput):
        check_user_id(f"u{chr(code)}")


@given(st.integers(min_value=1, max_value=50))
def test_text_longer_than_its_limit_is_refused(extra):
    with pytest.raises(InvalidInput, match="the most it may have is 20"):
        free_text("x" * (20 + extra), "work", 20)


@pytest.mark.parametrize("value", [None, 17, b"abc", ["a"]])
def test_free_text_is_a_str(value):
    with pytest.raises(TypeError, match="is a str"):
        free_text(value, "reason", 200)


def test_an_opaque_id_is_checked_once_and_remembered_only_when_accepted():
    """Ids are checked at every command: an accepted one is remembered, a refused one is not."""
    opaque_id.cache_clear()
    assert "W-17" == opaque_id("W-17", "worker reference", 64)
    assert "W-17" == opaque_id("W-17", "worker reference", 64)
    assert 1 == opaque_id.cache_info().hits
    for _ in range(2):
        with pytest.raises(PersonalDataRefused):
            opaque_id("13812345678", "worker reference", 64)
    assert 1 == opaque_id.cache_info().currsize
