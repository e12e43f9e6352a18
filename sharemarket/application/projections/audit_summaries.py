"""One-line human summaries of events, as the audit trail's rows show them.

Each slice registers a summary for each of its event classes in a ``SummaryRules`` table; the
catalogue merges the tables. An event without a rule is summarised by :func:`generic_summary`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from uuid import UUID

from sharemarket.application.projections.audit import event_names
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.actor import Actor

# Summaries are one line: control characters (newlines included) become spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_SUMMARY_MAX = 300

SummaryRule = Callable[[Any, PartyBook], str]
S = TypeVar("S", bound=SummaryRule)


class SummaryRules:
    """One-line human summaries by event class (the exact class)."""

    def __init__(self) -> None:
        self._rules: dict[type, SummaryRule] = {}

    def summary(self, *event_classes: type) -> Callable[[S], S]:
        def register(rule: S) -> S:
            for cls in event_classes:
                if cls in self._rules:
                    raise ValueError(f"{cls.__qualname__} already has a summary")
                self._rules[cls] = rule
            return rule

        return register

    def knows(self, event_class: type) -> bool:
        return event_class in self._rules

    @property
    def event_classes(self) -> frozenset[type]:
        return frozenset(self._rules)

    def summarise(self, event: Any, parties: PartyBook) -> str:
        rule = self._rules.get(type(event))
        text = generic_summary(event) if rule is None else rule(event, parties)
        if not text.isprintable():
            text = _CONTROL.sub(" ", text).strip()
        return text if len(text) <= _SUMMARY_MAX else text[: _SUMMARY_MAX - 1] + "…"

    @classmethod
    def merge(cls, tables: Iterable[SummaryRules]) -> SummaryRules:
        merged = cls()
        for table in tables:
            for event_class, rule in table._rules.items():
                merged.summary(event_class)(rule)
        return merged


def who(actor: object) -> str:
    """The acting side as a summary names it: the firm's short code, or the administrator."""
    if isinstance(actor, Actor):
        return actor.firm.short if actor.firm is not None else f"administrator {actor.user}"
    return "someone"


def generic_summary(event: Any) -> str:
    kind, name = event_names(type(event))
    actor = who(getattr(event, "actor", None))
    return f"{actor} recorded {name} on {kind} {short(event.originator_id)}"


def short(some_id: UUID) -> str:
    """An id as a summary names it: its first 8 hex digits (as ``str(some_id)`` begins)."""
    return some_id.hex[:8]
