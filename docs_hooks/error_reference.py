"""The error reference page (docs/errors.md), generated from the error hierarchy at every build.

The page's source holds the marker below; this hook replaces it with one entry per error class
the library defines: its code, its class, the module that defines it, when it is raised (the
class docstring) and what a host program should do about it. The classes are found where
tests/test_readme.py finds them (the shared module, each slice of the registry, the views), so
a new error appears in the reference as soon as its slice declares it; tests/test_docs.py fails
if one lacks a code, a docstring or a remedy.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- error reference: generated from the error hierarchy -->"
PAGE = "errors.md"

#: Where each module's errors are explained at length, and its heading on the page.
SECTIONS: dict[str, tuple[str, str]] = {
    "sharemarket.domain.errors": ("Common to every slice", "concepts.md#errors"),
    "sharemarket.domain.park.errors": ("Park membership (园区成员)", "park.md#errors"),
    "sharemarket.domain.labour.errors": ("Labour sharing (共享用工)", "labour.md#errors"),
    "sharemarket.domain.subcontracting.errors": (
        "Order subcontracting (二次发单)",
        "subcontracting.md#errors",
    ),
    "sharemarket.domain.venues.errors": ("Venue sharing (阵地共享)", "venues.md#errors"),
    "sharemarket.domain.funds.errors": (
        "Fund loans (资金池 / 拆借 / 互相担保)",
        "funds.md#errors",
    ),
    "sharemarket.domain.matching.errors": (
        "Matching (需求 / 资源 / 服务清单)",
        "matching.md#errors",
    ),
    "sharemarket.domain.clearing.errors": ("Park clearing (清算)", "clearing.md#errors"),
    "sharemarket.application.projections.errors": ("The views", "views.md#errors"),
}

#: What to do, by kind of error: an error takes the remedy of the nearest class in its MRO.
#: Every refused command records nothing, not even its request id (concepts.md), so "send it
#: again" may reuse the request id.
REMEDIES: dict[str, str] = {
    "ShareMarketError": (
        "Catch it to catch every error the library raises on purpose, then switch on `code`; "
        "show the message to the person who acted: it says what is wrong and how to fix it."
    ),
    "InvalidInput": (
        "Fix the value the message names (it names the parameter and the form expected) and "
        "send the command again; nothing was recorded, so the same request id may be used."
    ),
    "PersonalDataRefused": (
        "Pass an opaque id the host software chooses (`u-1024`, `W-17`) instead of a name, a "
        "resident ID number or a phone number, and keep personal data in the host's own "
        "tables: the event log is immutable and PIPL (个人信息保护法) grants deletion."
    ),
    "RuleViolation": (
        "The command is well formed but breaks the rule the message names, with its figures. "
        "Change the command (another amount, date, firm or quantity), or first record what the "
        "rule waits for, then send it again; nothing was recorded."
    ),
    "InvalidTransition": (
        "The step does not apply in the current state: read the state with the slice's query "
        "and take the step that does apply, or none."
    ),
    "WorkingTimeLimitExceeded": (
        "Record fewer minutes, another day or another worker: the error's `rule`, `worker`, "
        "`day`, `would_be` and `limit` (minutes) give the figures. The caps are the park's "
        "`WorkingTimePolicy` (the Labour Law, 劳动法, unless an administrator set a stricter one)."
    ),
    "NotFound": (
        "Check the reference: pass the `uuid.UUID` the market returned, a firm that was "
        "admitted, a park that was established."
    ),
    "PermissionDenied": (
        "Send the command as someone who may take this step: a representative of the firm "
        "concerned (`Actor.for_firm`) or a park administrator (`Actor.administrator`)."
    ),
    "Conflict": (
        "What is recorded differs from what the command assumes: read the current state, "
        "decide again, and send a command that fits it."
    ),
    "RequestIdReused": (
        "Give a new command a new request id; reuse an id only to retry the very same command "
        "with the same arguments (that returns the first result and records nothing)."
    ),
    "ConcurrentUpdate": (
        "Retry later with the same request id: nothing was recorded, and the id makes sure the "
        "command is recorded once however often it is retried."
    ),
    "StoreError": (
        "The message names the store's problem and its fix (a missing folder, a refused login, "
        "a wrong encryption key, a full disk): fix the store or the settings and open the "
        "market again. See stores.md."
    ),
    "ProjectionHalted": (
        "Fix the cause (the error's `__cause__`, usually a posting or summary rule) and catch "
        "up again: the views resume at `position`, nothing skipped, nothing counted twice."
    ),
    "UnbalancedPostings": (
        "A bug in a slice's posting rule, not in the host: report it with the event named. The "
        "views stop just before that event, so nothing wrong is recorded."
    ),
    "ViewOutOfStep": (
        "Nothing, with `catch_up`, `follow` or `run`: they reload the position and carry on. "
        "A host writing through the low-level API reloads the view's position and writes again."
    ),
    "ViewsOfAnotherMarket": (
        "Open the views in a fresh place (a new folder, schema or prefix), or `rebuild` them "
        "from this market."
    ),
    "ProjectionTimeout": (
        "Wait longer, or check that a follower (`views.follow`) or runner (`views.run`) is "
        "running for this market."
    ),
    "AuditTrailBroken": (
        "Treat it as tampering or corruption of the views' database: `verify_against(market)` "
        "names the first row that differs; compare with an export or a checkpoint kept outside "
        "the database, then build the audit trail again from the market's events."
    ),
}


@dataclass(frozen=True)
class Entry:
    """One error of the reference."""

    code: str
    name: str
    module: str
    bases: tuple[str, ...]
    when: str
    remedy: str


def error_classes() -> tuple[type[Exception], ...]:
    """Every error class of the library: the shared ones, each slice's, the views'."""
    from sharemarket.application import slices
    from sharemarket.application.kernel.slice import errors_of
    from sharemarket.application.projections import errors as projection_errors
    from sharemarket.domain import errors as domain_errors

    return (*errors_of(domain_errors), *slices.errors(), *errors_of(projection_errors))


def remedy_of(cls: type[Exception]) -> str:
    for base in cls.__mro__:
        if base.__name__ in REMEDIES and base.__module__.startswith("sharemarket."):
            return REMEDIES[base.__name__]
    return ""


def entries() -> list[Entry]:
    """One entry per error class, in the order of `error_classes`."""
    found = []
    for cls in error_classes():
        doc = cls.__dict__.get("__doc__")
        bases = tuple(
            b.__name__ for b in cls.__bases__ if b.__module__.startswith("sharemarket.")
        ) + tuple(b.__name__ for b in cls.__bases__ if b.__module__ == "builtins")
        found.append(
            Entry(
                code=str(cls.__dict__.get("code", "")),
                name=cls.__name__,
                module=cls.__module__,
                bases=bases,
                when=inspect.cleandoc(doc) if doc else "",
                remedy=remedy_of(cls),
            )
        )
    return found


def render() -> str:
    """The generated part of docs/errors.md: a section per module, an entry per error."""
    lines: list[str] = []
    by_module: dict[str, list[Entry]] = {}
    for entry in entries():
        by_module.setdefault(entry.module, []).append(entry)
    for module, group in by_module.items():
        title, guide = SECTIONS.get(module, (module, ""))
        lines += [f"## {title}", ""]
        where = f"Defined in `{module}`"
        lines += [f"{where}; explained in [its guide]({guide})." if guide else f"{where}.", ""]
        lines += ["| code | error |", "| --- | --- |"]
        lines += [f"| [`{e.code}`](#{e.code}) | `{e.name}` |" for e in group]
        lines.append("")
        for e in group:
            kind = ", ".join(f"`{b}`" for b in e.bases) or "`Exception`"
            lines += [
                f"### `{e.code}` {{#{e.code}}}",
                "",
                f"`sharemarket.{e.name}`, a subclass of {kind}.",
                "",
                f"**When:** {e.when}",
                "",
                f"**What to do:** {e.remedy}",
                "",
            ]
    return "\n".join(lines)


def on_config(config: Any) -> Any:
    # The site documents the checkout it is built from, not another installed copy.
    root = str(Path(config.config_file_path).resolve().parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"docs/{PAGE} lost its marker {MARKER}")
    return markdown.replace(MARKER, render())
