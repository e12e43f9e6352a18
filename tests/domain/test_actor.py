"""Actor: who acts, and whether they claim to act for a firm or as a park administrator."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, FirmId, InvalidInput, Role
from sharemarket.domain.actor import USER_ID_MAX, check_user_id
from sharemarket.domain.text import personal_data_in
from tests.strategies import actors, administrators, firm_ids, user_ids

FIRM = FirmId("91350100M000100Y43")


@given(user_ids(), firm_ids())
def test_a_representative_names_the_firm(user, firm):
    """Actor.for_firm records the user, the representative role and the firm."""
    actor = Actor.for_firm(user, firm)
    assert (user, Role.REPRESENTATIVE, firm) == (actor.user, actor.role, actor.firm)
    assert not actor.is_administrator


@given(user_ids(), firm_ids())
def test_for_firm_accepts_the_code_as_text(user, firm):
    """Actor.for_firm(user, "code") checks the code and equals the FirmId form."""
    assert Actor.for_firm(user, firm) == Actor.for_firm(user, firm.code.lower())


@given(user_ids())
def test_an_administrator_names_no_firm(user):
    """Actor.administrator records the user and the administrator role, with no firm."""
    actor = Actor.administrator(user)
    assert (user, Role.ADMINISTRATOR, None) == (actor.user, actor.role, actor.firm)
    assert actor.is_administrator


def test_a_representative_without_a_firm_is_refused():
    """A representative must say which firm they act for."""
    with pytest.raises(InvalidInput, match="names no firm"):
        Actor("rep-1", Role.REPRESENTATIVE)


def test_an_administrator_with_a_firm_is_refused():
    """An administrator acts for the park, never for a firm."""
    with pytest.raises(InvalidInput, match="not for a firm"):
        Actor("admin-1", Role.ADMINISTRATOR, FIRM)


def test_an_invalid_firm_code_is_refused():
    """A representative's firm code is checked like any FirmId."""
    with pytest.raises(InvalidInput, match="check character"):
        Actor.for_firm("rep-1", "91350100M000100Y44")


@pytest.mark.parametrize(
    "user",
    ["", "a b", "tab\there", "new\nline", "x" * (USER_ID_MAX + 1), "\u200b"],
)
def test_user_ids_are_opaque_printable_tokens(user):
    """A user id has 1-64 printable characters and no spaces; others are refused."""
    with pytest.raises(InvalidInput):
        check_user_id(user)
    with pytest.raises(InvalidInput):
        Actor.administrator(user)


@given(user_ids())
def test_generated_user_ids_are_accepted(user):
    """Every id the strategy generates is a valid user id (the strategy matches the rule)."""
    assert user == check_user_id(user)


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@given(st.text(max_size=USER_ID_MAX + 2))
def test_a_user_id_is_refused_exactly_when_a_character_is_a_space_or_unprintable(text):
    """The rule, character by character: any whitespace (tabs, ideographic spaces, ...) or
    unprintable character is refused, and so is an empty or over-long id, and one that looks
    like personal data (Chinese characters, a phone or ID number: issue 12)."""
    allowed = (
        0 < len(text) <= USER_ID_MAX
        and not any(c.isspace() or not c.isprintable() for c in text)
        and personal_data_in(text, any_long_number=True) is None
        and not CJK.search(text)
    )
    if allowed:
        assert text == check_user_id(text)
    else:
        with pytest.raises(InvalidInput):
            check_user_id(text)


@pytest.mark.parametrize("user", [None, 17, b"rep-1"])
def test_a_user_id_is_a_string(user):
    """A non-string user id is a programming error."""
    with pytest.raises(TypeError):
        Actor.administrator(user)


@given(actors())
def test_str_says_who_acts_for_whom(actor):
    """str() names the user and the firm, or says they act as park administrator."""
    expected = (
        f"{actor.user} (park administrator)"
        if actor.is_administrator
        else f"{actor.user} for {actor.firm}"
    )
    assert expected == str(actor)


@given(administrators(), firm_ids())
def test_the_same_person_in_two_roles_is_two_actors(admin, firm):
    """Acting as administrator and acting for a firm are different claims."""
    assert admin != Actor.for_firm(admin.user, firm)
