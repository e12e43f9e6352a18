"""A stateful test: the real application beside a small pure-Python model of subcontracting.

同鑫 (the issuer) records two orders and offers parts of them to three firms; the firms accept,
decline, deliver new and reworked pieces; 同鑫 withdraws offers, cancels backorders, inspects
(rejecting pieces for rework or scrap, scrapped ones made again or dropped from the part),
sends glaze, pays; the firms return glaze and bill. Every rule runs one command on the market
and the same step on the model, which predicts whether the market accepts it or which error it
raises. After every step the invariants hold: offered never exceeds an order; every new piece
delivered is accepted, scrapped, in rework or awaiting inspection (so rework never inflates the
accepted count); accepted never exceeds the quantity plus tolerance; a piece is billed once;
payments never exceed bills; no material balance is negative; and every part equals the model.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sharemarket import (
    BackorderNotCancellable,
    DefectReason,
    DeliveryExceedsOutstanding,
    Disposition,
    MaterialOverReturn,
    Money,
    NothingToBill,
    OrderOversplit,
    PartNotOpen,
    PartOverpayment,
    Rejection,
    Rejections,
    ScrapEffect,
    ShareMarket,
    ShareMarketError,
)
from tests.subcontracting_support import DAY, ISSUER, SUBS, open_park, rep

ORDER_QUANTITY, KEPT = 100, 10
PER_PIECE = 2  # grams of glaze a piece
index = st.integers(min_value=0, max_value=50)
REJECTED = st.sampled_from([0, 0, 1, 2, 5, 15])
REWORKED = st.integers(0, 15)
REASONS = st.sampled_from([DefectReason.CRACK, DefectReason.GLAZE_DEFECT])
EFFECTS = st.sampled_from(ScrapEffect)


def pick(seq: Any, n: int) -> Any:
    return seq[n % len(seq)]


class SubcontractingMarket(RuleBasedStateMachine):
    """The market and the model side by side."""

    def __init__(self) -> None:
        super().__init__()
        self.market = self.open_market()
        open_park(self.market)
        self.sub = self.market.subcontracting
        self.n = 0
        self.orders: list[dict[str, Any]] = []
        self.parts: list[dict[str, Any]] = []

    def open_market(self) -> ShareMarket:
        return ShareMarket.in_memory()

    def teardown(self) -> None:
        self.market.close()

    def rid(self) -> str:
        self.n += 1
        return f"step-{self.n}"

    def run(self, command: Any, expected: type[ShareMarketError] | None) -> Any:
        """Run ``command``: it succeeds if ``expected`` is None, else raises exactly that and
        records nothing."""
        if expected is None:
            return command()
        before = self.market.event_log.head()
        with pytest.raises(ShareMarketError) as caught:
            command()
        assert expected is type(caught.value), f"expected {expected.__name__}: {caught.value!r}"
        assert before == self.market.event_log.head()
        return None

    # The model's derived figures ----------------------------------------------------------------

    @staticmethod
    def quantity(p: dict[str, Any]) -> int:
        return p["offered"] - p["cancelled"] - p["reduced"]

    def share(self, p: dict[str, Any]) -> int:
        return 0 if p["stage"] in ("declined", "withdrawn") else self.quantity(p)

    def available(self, o: dict[str, Any]) -> int:
        split = sum(self.share(p) for p in self.parts if p["order"] is o)
        return ORDER_QUANTITY - KEPT - split

    @staticmethod
    def awaiting(p: dict[str, Any]) -> int:
        return sum(n for n, _ in p["awaiting"].values())

    def ceiling(self, p: dict[str, Any], quantity: int | None = None) -> int:
        q = self.quantity(p) if quantity is None else quantity
        return q + q * p["tolerance"] // 100

    def held(self, p: dict[str, Any], *, sent_more: int = 0) -> int:
        sent = p["sent"] + sent_more
        consumed = min(PER_PIECE * (p["accepted"] + p["scrapped"]), sent - p["returned"])
        return sent - consumed - p["returned"]

    # Rules ----------------------------------------------------------------------------------------

    @initialize()
    def record_orders(self) -> None:
        for key in ("a", "b"):
            order_id = self.sub.record_order(
                rep(ISSUER),
                request_id=f"order-{key}",
                reference=f"TX-{key}",
                product="glazed tableware set",
                quantity=ORDER_QUANTITY,
                kept=KEPT,
                due_on=date(2020, 3, 31),
            )
            self.orders.append({"id": order_id})
        # Two accepted parts of each order to start from, so deliveries begin at once.
        for n in range(4):
            self.offer(n // 2, n, 30, (0, 10)[n % 2])
            self.answer(len(self.parts) - 1, "accept")

    @rule(o=index, s=index, quantity=st.integers(1, 60), tolerance=st.sampled_from([0, 0, 10]))
    def offer(self, o: int, s: int, quantity: int, tolerance: int) -> None:
        order, firm = pick(self.orders, o), pick(SUBS, s)
        expected = OrderOversplit if quantity > self.available(order) else None
        part_id = self.run(
            lambda: self.sub.offer_part(
                rep(ISSUER),
                request_id=self.rid(),
                order=order["id"],
                subcontractor=firm,
                operation="glazing",
                quantity=quantity,
                unit_price="0.65",
                due_on=date(2020, 3, 20),
                tolerance_percent=tolerance,
            ),
            expected,
        )
        if expected is None:
            self.parts.append(
                {
                    "id": part_id,
                    "order": order,
                    "firm": firm,
                    "offered": quantity,
                    "tolerance": tolerance,
                    "stage": "offered",
                    "cancelled": 0,
                    "reduced": 0,
                    "delivered": 0,
                    "accepted": 0,
                    "in_rework": 0,
                    "scrapped": 0,
                    "awaiting": {},
                    "billed_pieces": 0,
                    "billed": 0,
                    "paid": 0,
                    "sent": 0,
                    "returned": 0,
                }
            )

    def _part(self, p: int) -> dict[str, Any] | None:
        return pick(self.parts, p) if self.parts else None

    def _accepted(self, p: int, anywhere: bool) -> dict[str, Any] | None:
        """An accepted part most of the time (any part when ``anywhere``, to see refusals)."""
        taken = [x for x in self.parts if x["stage"] == "accepted"]
        return pick(taken, p) if taken and not anywhere else self._part(p)

    @rule(p=index, how=st.sampled_from(["accept", "accept", "accept", "decline", "withdraw"]))
    def answer(self, p: int, how: str) -> None:
        part = self._part(p)
        if part is None:
            return
        expected = None if part["stage"] == "offered" else PartNotOpen
        sub = self.sub
        calls = {
            "accept": lambda: sub.accept_part(
                rep(part["firm"]), request_id=self.rid(), part=part["id"]
            ),
            "decline": lambda: sub.decline_part(
                rep(part["firm"]), request_id=self.rid(), part=part["id"], reason="kilns full"
            ),
            "withdraw": lambda: sub.withdraw_offer(
                rep(ISSUER), request_id=self.rid(), part=part["id"], reason="re-planned"
            ),
        }
        self.run(calls[how], expected)
        if expected is None:
            part["stage"] = {"accept": "accepted", "decline": "declined", "withdraw": "withdrawn"}[
                how
            ]

    @rule(p=index, now=st.integers(0, 3))
    def cancel_backorder(self, p: int, now: int) -> None:
        part = self._part(p)
        if part is None or now:  # a quarter of the time: it ends a part's deliveries
            return
        outstanding = max(
            0,
            self.quantity(part) - part["accepted"] - self.awaiting(part) - part["in_rework"],
        )
        expected: type[ShareMarketError] | None = None
        if part["stage"] != "accepted":
            expected = PartNotOpen
        elif not outstanding:
            expected = BackorderNotCancellable
        cancelled = self.run(
            lambda: self.sub.cancel_backorder(
                rep(ISSUER), request_id=self.rid(), part=part["id"], reason="falling behind"
            ),
            expected,
        )
        if expected is None:
            assert outstanding == cancelled
            part["cancelled"] += outstanding

    @rule(
        p=index,
        pieces=st.integers(1, 15),
        rework=st.booleans(),
        anywhere=st.booleans(),
        then=st.none() | st.tuples(REJECTED, REWORKED, REASONS, EFFECTS),
    )
    def deliver(
        self, p: int, pieces: int, rework: bool, anywhere: bool, then: tuple[Any, ...] | None
    ) -> None:
        """Deliver; with ``then``, the issuer inspects the delivery at once."""
        part = self._accepted(p, anywhere and pieces % 4 == 0)
        if part is None:
            return
        room = (
            part["in_rework"]
            if rework
            else (self.ceiling(part) - part["accepted"] - self.awaiting(part) - part["in_rework"])
        )
        expected: type[ShareMarketError] | None = None
        if part["stage"] != "accepted":
            expected = PartNotOpen
        elif pieces > room:
            expected = DeliveryExceedsOutstanding
        method = self.sub.deliver_rework if rework else self.sub.deliver
        delivery = self.run(
            lambda: method(
                rep(part["firm"]),
                request_id=self.rid(),
                part=part["id"],
                pieces=pieces,
                delivered_on=DAY,
            ),
            expected,
        )
        if expected is None:
            part["awaiting"][delivery] = (pieces, rework)
            if rework:
                part["in_rework"] -= pieces
            else:
                part["delivered"] += pieces
            if then is not None:
                self.check_inspection(part, delivery, *then)

    @rule(p=index, d=index, rejected=REJECTED, reworked=REWORKED, reason=REASONS, effect=EFFECTS)
    def inspect(
        self,
        p: int,
        d: int,
        rejected: int,
        reworked: int,
        reason: DefectReason,
        effect: ScrapEffect,
    ) -> None:
        waiting = [x for x in self.parts if x["awaiting"]]
        if not waiting:
            return
        part = pick(waiting, p)
        delivery = pick(sorted(part["awaiting"]), d)
        self.check_inspection(part, delivery, rejected, reworked, reason, effect)

    def check_inspection(
        self,
        part: dict[str, Any],
        delivery: Any,
        rejected: int,
        reworked: int,
        reason: DefectReason,
        effect: ScrapEffect,
    ) -> None:
        """Inspect ``delivery``: the model decides as the domain's rules say."""
        pieces, _ = part["awaiting"][delivery]
        rejected = min(rejected, pieces)
        reworked = min(reworked, rejected)
        scrapped = rejected - reworked
        accepted = pieces - rejected
        lines = [
            Rejection(reason, n, kind)
            for n, kind in ((reworked, Disposition.REWORK), (scrapped, Disposition.SCRAP))
            if n
        ]
        accepted_after = part["accepted"] + accepted
        rework_after = part["in_rework"] + reworked
        awaiting_after = self.awaiting(part) - pieces
        reduced = 0
        if effect is ScrapEffect.REDUCE:
            room = self.quantity(part) - accepted_after - rework_after - awaiting_after
            reduced = min(scrapped, max(0, room))
        quantity_after = self.quantity(part) - reduced
        expected = (
            DeliveryExceedsOutstanding
            if accepted_after > self.ceiling(part, quantity_after)
            else None
        )
        self.run(
            lambda: self.sub.inspect_delivery(
                rep(ISSUER),
                request_id=self.rid(),
                part=part["id"],
                delivery=delivery,
                inspected_on=DAY,
                accepted=accepted,
                rejected=Rejections(tuple(lines)),
                scrap_effect=effect,
            ),
            expected,
        )
        if expected is None:
            del part["awaiting"][delivery]
            part["accepted"] += accepted
            part["in_rework"] += reworked
            part["scrapped"] += scrapped
            part["reduced"] += reduced

    @rule(p=index, quantity=st.integers(1, 100))
    def send_glaze(self, p: int, quantity: int) -> None:
        part = self._part(p)
        if part is None:
            return
        expected = None if part["stage"] in ("offered", "accepted") else PartNotOpen
        self.run(
            lambda: self.sub.send_material(
                rep(ISSUER),
                request_id=self.rid(),
                part=part["id"],
                material="glaze",
                unit="g",
                quantity=quantity,
                per_piece=PER_PIECE,
            ),
            expected,
        )
        if expected is None:
            part["sent"] += quantity

    @rule(p=index, quantity=st.integers(1, 100))
    def return_glaze(self, p: int, quantity: int) -> None:
        part = self._part(p)
        if part is None:
            return
        expected = MaterialOverReturn if not part["sent"] or quantity > self.held(part) else None
        self.run(
            lambda: self.sub.return_material(
                rep(part["firm"]),
                request_id=self.rid(),
                part=part["id"],
                material="glaze",
                quantity=quantity,
            ),
            expected,
        )
        if expected is None:
            part["returned"] += quantity

    @rule(p=index, anywhere=st.booleans())
    def bill(self, p: int, anywhere: bool) -> None:
        unbilled = [x for x in self.parts if x["accepted"] > x["billed_pieces"]]
        part = pick(unbilled, p) if unbilled and not anywhere else self._accepted(p, anywhere)
        if part is None:
            return
        expected: type[ShareMarketError] | None = None
        if part["stage"] != "accepted":
            expected = PartNotOpen
        elif part["accepted"] <= part["billed_pieces"]:
            expected = NothingToBill
        bill = self.run(
            lambda: self.sub.bill_part(
                rep(part["firm"]), request_id=self.rid(), part=part["id"], billed_on=DAY
            ),
            expected,
        )
        if expected is None:
            pieces = part["accepted"] - part["billed_pieces"]
            assert (pieces, Money(65 * pieces)) == (bill.pieces, bill.amount)
            part["billed_pieces"] += pieces
            part["billed"] += 65 * pieces

    @rule(p=index, fen=st.integers(1, 1_000))
    def pay(self, p: int, fen: int) -> None:
        billed = [x for x in self.parts if x["billed"] > x["paid"]]
        part = pick(billed, p) if billed and fen % 5 else self._part(p)
        if part is None:
            return
        expected = PartOverpayment if fen > part["billed"] - part["paid"] else None
        self.run(
            lambda: self.sub.record_payment(
                rep(ISSUER), request_id=self.rid(), part=part["id"], amount=Money(fen)
            ),
            expected,
        )
        if expected is None:
            part["paid"] += fen

    # Invariants -----------------------------------------------------------------------------------

    @invariant()
    def offered_never_exceeds_an_order(self) -> None:
        for o in self.orders:
            report = self.sub.order(o["id"], as_of=DAY)
            assert report.split <= ORDER_QUANTITY - KEPT
            assert self.available(o) == report.available

    @invariant()
    def every_part_equals_the_model_and_keeps_its_invariants(self) -> None:
        for p in self.parts:
            r = self.sub.part(p["id"], as_of=DAY)
            model = (
                self.quantity(p),
                p["delivered"],
                p["accepted"],
                p["in_rework"],
                p["scrapped"],
                self.awaiting(p),
                p["billed_pieces"],
                Money(p["billed"]),
                Money(p["paid"]),
            )
            assert model == (
                r.quantity,
                r.delivered,
                r.accepted,
                r.in_rework,
                r.scrapped,
                r.awaiting_inspection,
                r.billed_pieces,
                r.billed,
                r.paid,
            )
            # Every new piece delivered is accepted, scrapped, in rework or awaiting inspection:
            # reworked pieces never count twice.
            assert r.delivered == r.accepted + r.scrapped + r.in_rework + r.awaiting_inspection
            assert r.accepted <= self.ceiling(p)
            assert r.billed_pieces <= r.accepted
            assert r.paid <= r.billed
            for balance in r.materials:
                assert balance.held >= 0
                assert self.held(p) == balance.held


SubcontractingMarket.TestCase.settings = settings(stateful_step_count=30)
TestSubcontractingMarket = SubcontractingMarket.TestCase


class SubcontractingMarketOnSQLite(SubcontractingMarket):
    """The same machine on an SQLite file (a few short runs: each step writes to disk)."""

    def open_market(self) -> ShareMarket:
        self.folder = tempfile.TemporaryDirectory()
        return ShareMarket.sqlite(Path(self.folder.name) / "market.sqlite")

    def teardown(self) -> None:
        super().teardown()
        self.folder.cleanup()


SubcontractingMarketOnSQLite.TestCase.settings = settings(max_examples=3, stateful_step_count=20)
TestSubcontractingMarketOnSQLite = SubcontractingMarketOnSQLite.TestCase
