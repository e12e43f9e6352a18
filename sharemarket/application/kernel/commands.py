"""Commands as values: the base class, how a command is fingerprinted, and the handler tables.

A command is a frozen attrs value holding its arguments already coerced and validated (the
converters of its fields are the boundary's type rules). A slice's service builds one and hands
it to the unit of work, which finds its handler by the command's class. The handler loads what
it needs through the :class:`~sharemarket.application.kernel.loader.Loader`, calls the domain and
returns the aggregates to save and the result; the unit of work saves them once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.requests import check_request_id

if TYPE_CHECKING:
    from sharemarket.application.kernel.loader import Loader
    from sharemarket.application.kernel.unit_of_work import UnitOfWork

R = TypeVar("R")
C = TypeVar("C", bound="Command[Any]")


def _actor(value: object) -> Actor:
    if not isinstance(value, Actor):
        raise TypeError(
            f"actor is an Actor (Actor.administrator(...) or Actor.for_firm(...)), "
            f"not {type(value).__name__}"
        )
    return value


@attrs.frozen(kw_only=True)
class Command(Generic[R]):
    """One command of the market: who asks, under which request id, and its arguments.

    ``stored_as`` is the command's name in request receipts and their fingerprints, kept
    forever: a subclass names itself once and never renames. ``R`` is its result's type.
    """

    stored_as: ClassVar[str]

    actor: Actor = attrs.field(converter=_actor)
    request_id: str = attrs.field(converter=check_request_id)

    def check_premises(self, loader: Loader) -> None:
        """Raise if what the service read to build this command has changed since (the unit
        of work calls this first, before it looks for the request's receipt, so that a retry
        is judged on what the command would be now). Most commands read nothing: no-op."""

    def arguments(self) -> dict[str, Any]:
        """The command's arguments as its fingerprint and receipt see them: every field but the
        actor and the request id, a nested :class:`Part` as a dict of its fields."""
        args = _read_fields(type(self), _argument_names, _ARGUMENT_READERS)(self)
        for name, value in args.items():
            if isinstance(value, Part):
                args[name] = _plain(value)
        return args


@attrs.frozen(kw_only=True)
class Part:
    """A group of a command's arguments (a shift's terms): fingerprinted as a dict of fields."""


def _plain(part: Part) -> dict[str, Any]:
    """A part as a dict of its fields, a nested part as a dict in turn."""
    fields = _read_fields(type(part), _part_fields, _PART_READERS)(part)
    for name, value in fields.items():
        if isinstance(value, Part):
            fields[name] = _plain(value)
    return fields


#: By class: a function giving the dict of a command's arguments, of a part's fields.
_ARGUMENT_READERS: dict[type, Callable[[Any], dict[str, Any]]] = {}
_PART_READERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _read_fields(
    cls: type,
    names_of: Callable[[type], tuple[str, ...]],
    readers: dict[type, Callable[[Any], dict[str, Any]]],
) -> Callable[[Any], dict[str, Any]]:
    """Every command is fingerprinted and receipted: its fields are read by one C call
    (``attrgetter``) instead of a ``getattr`` each (``names_of`` gives them, per class)."""
    reader = readers.get(cls)
    if reader is None:
        names = names_of(cls)
        if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
            (only,) = names
            get_one = attrgetter(only)
            reader = lambda o: {only: get_one(o)}  # noqa: E731
        elif names:
            get_all = attrgetter(*names)
            reader = lambda o: dict(zip(names, get_all(o), strict=True))  # noqa: E731
        else:
            reader = lambda o: {}  # noqa: E731
        readers[cls] = reader
    return reader


_PART_FIELDS: dict[type, tuple[str, ...]] = {}


def _part_fields(cls: type) -> tuple[str, ...]:
    """A part's field names, in order, looked up once per class: every command holding a part
    (a shift's terms) is fingerprinted, and ``attrs.fields`` is a checked lookup each time."""
    names = _PART_FIELDS.get(cls)
    if names is None:
        names = _PART_FIELDS[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


_NAMES: dict[type, tuple[str, ...]] = {}


class PremisesChanged(Exception):
    """Raised by :meth:`Command.check_premises`: what the service read to build the command has
    changed. The service builds it again; a batch decided again on fresh state cannot, and is
    refused as a :class:`~sharemarket.domain.errors.ConcurrentUpdate`."""


#: Field metadata of a command field that is not one of its arguments: how a value was obtained
#: (``calendar_day``), not what was asked. It stays out of the fingerprint and the receipt.
NOT_AN_ARGUMENT = {"fingerprint": False}


def _argument_names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = tuple(
            f.name
            for f in attrs.fields(cls)
            if f.name not in ("actor", "request_id") and f.metadata.get("fingerprint", True)
        )
        _NAMES[cls] = names
    return names


#: A handler decides one command: ``handler(loader, command) -> (aggregates to save, result)``.
Handler = Callable[["Loader", Any], tuple[Sequence[Aggregate], Any]]


class Handlers:
    """One slice's table of handlers, by command class (``@handlers.handles(RecordShift)``)."""

    def __init__(self) -> None:
        self._table: dict[type[Command[Any]], Handler] = {}

    def handles(
        self, command_class: type[C]
    ) -> Callable[[Callable[[Loader, C], tuple[Sequence[Aggregate], Any]]], Handler]:
        def register(handler: Callable[[Loader, C], tuple[Sequence[Aggregate], Any]]) -> Handler:
            if command_class in self._table:
                raise ValueError(f"{command_class.__name__} already has a handler")
            self._table[command_class] = handler
            return handler

        return register

    def __iter__(self) -> Iterator[type[Command[Any]]]:
        return iter(self._table)

    def items(self) -> Iterable[tuple[type[Command[Any]], Handler]]:
        return self._table.items()

    @staticmethod
    def merge(tables: Iterable[Handlers]) -> Mapping[type[Command[Any]], Handler]:
        """Every slice's handlers in one table; a command class or stored name used twice is
        an error (a receipt must name one command)."""
        merged: dict[type[Command[Any]], Handler] = {}
        names: dict[str, type[Command[Any]]] = {}
        for table in tables:
            for command_class, handler in table.items():
                other = names.setdefault(command_class.stored_as, command_class)
                if other is not command_class or command_class in merged:
                    raise ValueError(
                        f"command name {command_class.stored_as!r} is used by {other.__name__} and "
                        f"{command_class.__name__}"
                    )
                merged[command_class] = handler
        return merged


class Service:
    """Base of a slice's façade (``market.<slice>``): builds command values and runs them.

    A service never saves: every change goes through the unit of work, one command at a time.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._loader = uow.loader

    def _run(self, command: Command[R]) -> R:
        return self._uow.execute(command)
