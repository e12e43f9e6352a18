"""The Dehua Chengdong ceramics park in an SQLite file: its administrator, firms, representatives.

Run it with ``python examples/dehua_park.py [PATH]``. The market is written to PATH (default
``./dehua_park.sqlite``); a file left there by an earlier run is replaced, so the script can be
rerun. Later scenes (labour sharing, subcontracting, venues, fund loans) are added as functions
called from ``main``.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from sharemarket import Actor, FirmSize, Member, ShareMarket

DEFAULT_PATH = Path("dehua_park.sqlite")
PARK_NAME = "德化县城东陶瓷产业园"  # Dehua county, Chengdong new district ceramics park (Fujian)

#: The management committee's officer who runs the park in the software (a host user id).
ADMIN = Actor.administrator("cd-admin-01")


class Firm(NamedTuple):
    """One member as the management committee's register holds it."""

    code: str  # unified social credit code; region 350526 is Dehua county
    name: str
    industry: str
    size: FirmSize
    representatives: tuple[str, ...]  # the host software's user ids, never personal data


# The codes are made up but valid: '9' (market regulation) or '5' (civil affairs), a category,
# region 350526, a nine-character organisation code, and the check character computed with
# sharemarket.domain.firm_id.check_character.
FIRMS: tuple[Firm, ...] = (
    Firm(
        "91350526MA2YB7LX39",
        "德化县同鑫陶瓷有限公司",  # Tongxin Ceramics: short of workers in early 2020
        "tableware",
        FirmSize.SMALL,
        ("tongxin-01", "tongxin-02"),
    ),
    Firm(
        "91350526MA31HQ2D6G",
        "德化县佳美陶瓷有限公司",  # Jiamei Ceramics
        "craft porcelain",
        FirmSize.MEDIUM,
        ("jiamei-01",),
    ),
    Firm(
        "91350526705481326F",
        "福建省德化县顺美陶瓷有限公司",  # Shunmei Ceramics
        "gifts and crafts",
        FirmSize.LARGE,
        ("shunmei-01", "shunmei-02"),
    ),
    Firm(
        "913505261543981209",
        "福建省德化县冠福家用制品有限公司",  # Guanfu Household Products
        "household ware",
        FirmSize.LARGE,
        ("guanfu-01",),
    ),
    Firm(
        "92350526MA2XW9P14W",  # '92': an individual business (个体工商户)
        "德化县瓷韵彩绘工作室",  # Ciyun painting studio: 彩绘 hand painting
        "hand painting",
        FirmSize.MICRO,
        ("ciyun-01",),
    ),
    Firm(
        "52350526MJY3K50R4F",  # '52': a social organisation (民办非企业单位)
        "城东陶瓷产业园党群服务中心",  # the park's party-masses service centre
        "park services",
        FirmSize.MICRO,
        ("centre-01", "centre-02"),
    ),
)


def open_fresh(path: Path) -> ShareMarket:
    """Open a market on ``path``, replacing what an earlier run left there."""
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    return ShareMarket.sqlite(path)


def establish_park(market: ShareMarket) -> None:
    market.establish_park(ADMIN, request_id="dehua-establish-park", name=PARK_NAME)


def admit_members(market: ShareMarket) -> None:
    """The administrator admits every firm; request ids come from the codes, so retries are safe."""
    for firm in FIRMS:
        market.admit_firm(
            ADMIN,
            request_id=f"dehua-admit-{firm.code}",
            firm=firm.code,
            name=firm.name,
            industry=firm.industry,
            size=firm.size,
            representatives=firm.representatives,
        )


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(display_width(r[i]) for r in (headers, *rows)) for i in range(len(headers))]
    lines = [
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (headers, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def membership_rows(members: Sequence[Member]) -> list[list[str]]:
    return [
        [
            m.firm.code,
            m.name,
            m.industry,
            m.size.value,
            m.status.value,
            ", ".join(m.representatives),
        ]
        for m in members
    ]


def print_membership(market: ShareMarket) -> None:
    members = market.members()
    print(f"{market.park_name()}: {len(members)} members")
    print(f"administrators: {', '.join(market.administrators())}")
    print()
    headers = ["code", "name", "industry", "size", "status", "representatives"]
    print(table(headers, membership_rows(members)))


def main(path: str | Path = DEFAULT_PATH) -> None:
    path = Path(path)
    with open_fresh(path) as market:
        establish_park(market)
        admit_members(market)
    # Reopen the file to show that what was printed is what was stored.
    with ShareMarket.sqlite(path) as market:
        print_membership(market)
    print()
    print(f"market stored in {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH)
