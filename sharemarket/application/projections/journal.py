"""The double-entry journal: assets, account kinds, postings, and the rules that map events to them.

Every event that moves value maps to postings that sum to zero in each asset, the way a transfer
in TimeOverflow or TigerBeetle debits one account exactly what it credits another. An event class
that moves no value is declared as such, so a new event class without a mapping is noticed (a
test lists every event class of the domain and asks the rules about each).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

import attrs

from sharemarket.application.projections.errors import UnbalancedPostings
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money

Q = TypeVar("Q")


@attrs.frozen
class Asset(Generic[Q]):
    """What is shared, counted in its smallest whole unit (fen, minutes, pieces).

    ``code`` is stored in the views' rows forever. ``quantity`` turns an amount into the value
    people read (``Money``, ``Minutes``). Money (CNY) belongs to every slice; a slice declares
    the assets it posts besides (hours worked, pieces delivered) in its declaration.
    """

    code: str
    quantity: Callable[[int], Q] = attrs.field(eq=False, repr=False)

    @property
    def value(self) -> str:
        """The asset's code, the way an enum member's value reads."""
        return self.code

    def readable(self, amount: int) -> str:
        """The amount in this asset as people read it: "¥1,234.56" or "7h30"."""
        return str(self.quantity(amount))

    def __str__(self) -> str:
        return self.code


CNY: Asset[Money] = Asset("CNY", Money)
"""Money, in integer fen (分): the asset of every bill and payment in every slice."""


class AccountKind(enum.Enum):
    """Which side of a firm's account a posting lands on.

    What a firm gives (the hours its workers worked for another) is negative ``GIVEN``, what
    it receives positive ``RECEIVED``. Money billed is positive ``RECEIVABLE`` for the firm to be
    paid and negative ``PAYABLE`` for the firm that pays; a payment posts the opposite and clears
    both. Loans keep their own pairs (the fund-loans slice): principal lent (``LOAN_``), interest
    and penalty interest on it (``INTEREST_``), and a guarantor's subrogation claim on the
    borrower (``CLAIM_``); each is a receivable or a payable like the others.
    """

    GIVEN = "given"
    RECEIVED = "received"
    RECEIVABLE = "receivable"
    PAYABLE = "payable"
    LOAN_RECEIVABLE = "loan_receivable"
    LOAN_PAYABLE = "loan_payable"
    INTEREST_RECEIVABLE = "interest_receivable"
    INTEREST_PAYABLE = "interest_payable"
    CLAIM_RECEIVABLE = "claim_receivable"
    CLAIM_PAYABLE = "claim_payable"


#: Every receivable kind, and every payable kind: what a firm is owed, and owes, in money.
RECEIVABLES = (
    AccountKind.RECEIVABLE,
    AccountKind.LOAN_RECEIVABLE,
    AccountKind.INTEREST_RECEIVABLE,
    AccountKind.CLAIM_RECEIVABLE,
)
PAYABLES = (
    AccountKind.PAYABLE,
    AccountKind.LOAN_PAYABLE,
    AccountKind.INTEREST_PAYABLE,
    AccountKind.CLAIM_PAYABLE,
)


@attrs.frozen
class Posting:
    """One signed amount on one firm's account, with the firm on the other side of it."""

    firm: FirmId
    counterparty: FirmId
    asset: Asset[Any]
    kind: AccountKind
    amount: int
    reference: str = ""


def transfer(
    asset: Asset[Any],
    amount: int,
    *,
    source: FirmId,
    source_kind: AccountKind,
    target: FirmId,
    target_kind: AccountKind,
    reference: str = "",
) -> tuple[Posting, ...]:
    """Two postings: ``-amount`` on the source's account, ``+amount`` on the target's.

    Nothing is posted for a zero amount (a settlement at a zero rate moves no value).
    """
    if amount == 0:
        return ()
    return (
        Posting(source, target, asset, source_kind, -amount, reference),
        Posting(target, source, asset, target_kind, amount, reference),
    )


#: The pair of accounts a debt is kept on: the debtor's payable, the creditor's receivable.
Pair = tuple[AccountKind, AccountKind]
BILLS: Pair = (AccountKind.PAYABLE, AccountKind.RECEIVABLE)


def owed(
    fen: int, *, debtor: FirmId, creditor: FirmId, reference: str, pair: Pair = BILLS
) -> tuple[Posting, ...]:
    """A new debt in CNY: ``fen`` payable by ``debtor`` and receivable by ``creditor`` (a bill,
    a settlement, a fee, a clearing run's net payment), on ``pair`` (bills unless told)."""
    payable, receivable = pair
    return transfer(
        CNY,
        fen,
        source=debtor,
        source_kind=payable,
        target=creditor,
        target_kind=receivable,
        reference=reference,
    )


def paid(
    fen: int, *, debtor: FirmId, creditor: FirmId, reference: str, pair: Pair = BILLS
) -> tuple[Posting, ...]:
    """A payment in CNY (directly, or by a clearing run): the creditor's receivable and the
    debtor's payable on ``pair`` (bills unless told) both fall by ``fen``."""
    payable, receivable = pair
    return transfer(
        CNY,
        fen,
        source=creditor,
        source_kind=receivable,
        target=debtor,
        target_kind=payable,
        reference=reference,
    )


PostingRule = Callable[[Any, PartyBook], Sequence[Posting]]
R = TypeVar("R", bound=PostingRule)


def _no_postings(_event: object, _parties: PartyBook) -> Sequence[Posting]:
    return ()


class PostingRules:
    """Posting rules by event class (the exact class: subclasses declare their own)."""

    def __init__(self) -> None:
        self._rules: dict[type, PostingRule] = {}

    def rule(self, *event_classes: type) -> Callable[[R], R]:
        """Decorate ``rule(event, parties) -> postings`` as the rule of these event classes."""

        def register(rule: R) -> R:
            for cls in event_classes:
                self._add(cls, rule)
            return rule

        return register

    def moves_no_value(self, *event_classes: type) -> None:
        """Declare event classes that post nothing (they still count as mapped)."""
        for cls in event_classes:
            self._add(cls, _no_postings)

    def _add(self, cls: type, rule: PostingRule) -> None:
        if cls in self._rules:
            raise ValueError(f"{cls.__qualname__} already has a posting rule")
        self._rules[cls] = rule

    def knows(self, event_class: type) -> bool:
        return event_class in self._rules

    def moves_value(self, event_class: type) -> bool:
        rule = self._rules.get(event_class)
        return rule is not None and rule is not _no_postings

    @property
    def event_classes(self) -> frozenset[type]:
        return frozenset(self._rules)

    def postings(self, event: object, parties: PartyBook) -> Sequence[Posting]:
        """The event's postings, checked to sum to zero per asset; none for an unknown class."""
        rule = self._rules.get(type(event))
        if rule is None or rule is _no_postings:
            return ()
        postings = rule(event, parties)
        check_balanced(postings, type(event).__qualname__)
        return postings

    @classmethod
    def merge(cls, tables: Iterable[PostingRules]) -> PostingRules:
        merged = cls()
        for table in tables:
            for event_class, rule in table._rules.items():
                merged._add(event_class, rule)
        return merged


def check_balanced(postings: Sequence[Posting], what: str) -> None:
    """Raise :class:`UnbalancedPostings` unless the postings sum to zero in each asset."""
    totals: dict[Asset[Any], int] = {}
    for p in postings:
        totals[p.asset] = totals.get(p.asset, 0) + p.amount
    off = {asset.value: total for asset, total in totals.items() if total}
    if off:
        raise UnbalancedPostings(
            f"the postings of {what} do not sum to zero: {off}; every posting rule must debit "
            "exactly what it credits in each asset"
        )
