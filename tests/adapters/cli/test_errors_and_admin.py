"""Exit statuses (0 done, 1 refused, 2 usage) and the set-up commands (park, lpr)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sharemarket import ShareMarket
from tests.adapters.cli.conftest import LabourMarket, Run, StoredMarket, json_lines
from tests.park_scene import LENDER


def test_a_refusal_is_its_code_and_message_on_one_line_with_status_1(
    run: Run, stored: StoredMarket
) -> None:
    """A ShareMarketError is printed as 'code: message' on one line of stderr, no traceback."""
    missing = "8576c07a-6ecb-597f-90d4-91e9c7c38d7e"
    result = run("clearing", "show", missing, env=stored.env())
    assert 1 == result.exit_code
    assert [f"not_found: clearing run {missing} does not exist in this market"] == (
        result.stderr.splitlines()
    )
    assert "" == result.stdout
    assert "Traceback" not in result.output


def test_a_missing_sqlite_market_is_a_store_error_and_no_file_is_made(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "none.sqlite"
    result = run("--store", str(path), "members")
    assert 1 == result.exit_code
    assert result.stderr.startswith("store_error: no market at ")
    assert not path.exists()


def test_usage_errors_exit_2(run: Run, stored: StoredMarket) -> None:
    """An unknown command, an unreadable value, a missing store or actor: status 2."""
    env = stored.env()
    cases = [
        (("nonsense",), {}),
        (("labour", "shifts", "not-an-id"), env),
        (("statement", "91350526MA2YB7LX38"), env),  # a wrong check character
        (("report", "--month", "2026-13"), env),
        (("funds", "arrears"), env),  # --as-of is required
        (("members",), {}),  # no store named
        (("balances",), {"SHAREMARKET_STORE": env["SHAREMARKET_STORE"]}),  # no views named
        (("lpr", "add", "2026-12-20", "2.95"), env),  # nobody acts
        (("lpr", "add", "2026-12-20", "three"), {**env, "SHAREMARKET_USER": "cd-admin-01"}),
    ]
    for args, case_env in cases:
        result = run(*args, env=case_env)
        assert (args, 2) == (args, result.exit_code), result.output
        assert "Traceback" not in result.output


def test_lpr_add_records_once_and_a_rerun_records_nothing(run: Run, stored: StoredMarket) -> None:
    """The request id derives from the arguments: a set-up script run twice records once; a
    representative is refused and nothing is recorded."""
    env = {**stored.env(), "SHAREMARKET_USER": "cd-admin-01"}
    with stored.open() as market:
        head = market.event_log.head()
    refused = run("--firm", "91350526MA2YB7LX39", "--as", "tongxin-01", "lpr", "add",
                  "2026-12-20", "2.95", env=stored.env())  # fmt: skip
    assert 1 == refused.exit_code
    assert refused.stderr.startswith("permission_denied: ")
    with stored.open() as market:
        assert head == market.event_log.head()
    assert 0 == run("lpr", "add", "2026-12-20", "2.95", env=env).exit_code
    with stored.open() as market:
        after = market.event_log.head()
        assert (date(2026, 12, 20), Decimal("2.95")) == (
            market.funds.lpr_figures()[-1].effective_from,
            market.funds.lpr_figures()[-1].rate,
        )
    assert 0 == run("lpr", "add", "2026-12-20", "2.95", env=env).exit_code
    with stored.open() as market:
        assert after == market.event_log.head()
    earlier = run("lpr", "add", "2026-12-19", "2.90", env=env)
    assert earlier.stderr.startswith("loan_lpr_entry_not_later: ")


def test_park_establish_and_admit_make_a_market(run: Run, tmp_path: Path) -> None:
    """A set-up script: a new market file, the park, a firm with two representatives; run
    again, it records nothing new."""
    env = {"SHAREMARKET_STORE": str(tmp_path / "new.sqlite"), "SHAREMARKET_USER": "admin-01"}
    script = [
        ("park", "establish", "德化县城东陶瓷产业园"),
        ("park", "admit", LENDER, "--name", "德化县同鑫陶瓷有限公司", "--industry", "tableware",
         "--size", "small", "--rep", "tongxin-01", "--rep", "tongxin-02"),
    ]  # fmt: skip
    for args in script:
        result = run(*args, env=env)
        assert 0 == result.exit_code, result.output
    with ShareMarket.sqlite(tmp_path / "new.sqlite") as market:
        head = market.event_log.head()
        assert ("tongxin-01", "tongxin-02") == market.park.member(LENDER).representatives
    for args in script:
        assert 0 == run(*args, env=env).exit_code
    with ShareMarket.sqlite(tmp_path / "new.sqlite") as market:
        assert head == market.event_log.head()
    lines = json_lines(run("--json", "members", env=env).stdout)
    assert [LENDER] == [line["firm"] for line in lines]
    bad_size = run("park", "admit", LENDER, "--name", "x", "--industry", "x", "--size", "huge",
                   "--rep", "a-1", env=env)  # fmt: skip
    assert 2 == bad_size.exit_code


def test_park_admit_by_a_representative_is_refused(run: Run, labour_market: LabourMarket) -> None:
    result = run("park", "admit", "91350526MA31HQ2D6G", "--name", "佳美", "--industry", "craft",
                 "--size", "medium", "--rep", "jiamei-01", env=labour_market.env())  # fmt: skip
    assert 1 == result.exit_code
    assert result.stderr.startswith("permission_denied: ")
