"""Actor: the person taking a step, and whether they act for a firm or as a park administrator."""

from __future__ import annotations

import enum

import attrs

from sharemarket.domain.checks import of_type
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId, firm_id
from sharemarket.domain.text import opaque_id

USER_ID_MAX = 64


def check_user_id(user_id: object) -> str:
    """A host-chosen opaque user id: 1-64 printable characters without spaces, and nothing
    that looks like personal data (a phone or ID number, a Chinese name): see ``text.opaque_id``."""
    if not isinstance(user_id, str):
        raise TypeError(f"a user id is a str, not {type(user_id).__name__}")
    return opaque_id(user_id, "user id", USER_ID_MAX)


class Role(enum.Enum):
    """Whom the actor claims to act as; the park checks the claim against its records."""

    REPRESENTATIVE = "representative"
    ADMINISTRATOR = "administrator"


@attrs.frozen(repr=False)
class Actor:
    """A person acting for a firm (as one of its representatives) or as a park administrator.

    Build one with ``Actor.for_firm(user, firm)`` or ``Actor.administrator(user)``. The claim is
    only a claim: the application checks it against the park's records before anything is recorded.
    """

    user: str = attrs.field(validator=lambda _, __, v: check_user_id(v))
    role: Role = attrs.field(validator=of_type(Role))
    firm: FirmId | None = attrs.field(default=None, validator=of_type(FirmId, optional=True))

    def __attrs_post_init__(self) -> None:
        if self.role is Role.REPRESENTATIVE and self.firm is None:
            raise InvalidInput(f"actor {self.user!r} acts as a representative but names no firm")
        if self.role is Role.ADMINISTRATOR and self.firm is not None:
            raise InvalidInput(
                f"actor {self.user!r} acts as a park administrator; an administrator acts for "
                "the park, not for a firm: use Actor.administrator(user)"
            )

    @classmethod
    def for_firm(cls, user: str, firm: FirmId | str) -> Actor:
        """A representative acting for a member firm (checked against the park's records)."""
        return cls(user, Role.REPRESENTATIVE, firm_id(firm, "firm"))

    @classmethod
    def administrator(cls, user: str) -> Actor:
        """A park administrator (管理员), acting for the park rather than a firm."""
        return cls(user, Role.ADMINISTRATOR)

    @property
    def is_administrator(self) -> bool:
        """Whether the actor claims the administrator role."""
        return self.role is Role.ADMINISTRATOR

    def __str__(self) -> str:
        if self.firm is None:
            return f"{self.user} (park administrator)"
        return f"{self.user} for {self.firm}"

    def __repr__(self) -> str:
        return f"Actor({self.user!r}, {self.role.value}, {self.firm!r})"
