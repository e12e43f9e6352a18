"""eventsourcing's own recorder test cases, run on the in-memory store's recorders.

As eventsourcing runs them on its POPO recorders (its tests/persistence_tests/test_popo.py and
test_noninterleaving_notification_ids.py): the recorders here are those the market's memory
store builds (``MemoryMarketFactory``), the application recorder also with reads checked (see
``recorder_cases``), and the sharing view the market folds in memory, a tracking recorder; and
the factory itself runs eventsourcing's factory case.
"""

from __future__ import annotations

from eventsourcing.persistence import (
    AggregateRecorder,
    ApplicationRecorder,
    ProcessRecorder,
    TrackingRecorder,
)
from eventsourcing.popo import POPOAggregateRecorder, POPOProcessRecorder, POPOTrackingRecorder
from eventsourcing.tests import persistence as cases
from eventsourcing.utils import Environment

from sharemarket.adapters.memory_recorder import MemoryMarketFactory, MemoryMarketRecorder
from sharemarket.application.matching.sharing_memory import MemorySharingView
from sharemarket.application.stores import memory_env
from tests.adapters.recorder_cases import (
    ReadCheckedMemoryRecorder,
    ReadsCheckedCase,
    SubscribesWhileWriting,
    construct_factory,
)


def _factory() -> MemoryMarketFactory:
    factory = construct_factory(memory_env())
    assert isinstance(factory, MemoryMarketFactory)
    return factory


class TestMemoryAggregateRecorder(cases.AggregateRecorderTestCase):
    """The recorder the memory store keeps snapshots in."""

    def create_recorder(self) -> AggregateRecorder:
        return _factory().aggregate_recorder("snapshots")


class TestMemoryMarketRecorder(
    SubscribesWhileWriting, cases.ApplicationRecorderTestCase[MemoryMarketRecorder]
):
    def create_recorder(self) -> MemoryMarketRecorder:
        recorder = _factory().application_recorder()
        assert type(recorder) is MemoryMarketRecorder
        return recorder

    def test_insert_subscribe(self) -> None:
        # Optional in eventsourcing's case; run for its in-memory recorder, which has them.
        self.optional_test_insert_subscribe()


class TestMemoryMarketRecorderWithReadsChecked(ReadsCheckedCase, TestMemoryMarketRecorder):
    def create_recorder(self) -> MemoryMarketRecorder:
        return ReadCheckedMemoryRecorder()


class TestMemoryTrackingRecorder(cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        return _factory().tracking_recorder()


class TestMemorySharingView(cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        return MemorySharingView()


class TestMemoryProcessRecorder(cases.ProcessRecorderTestCase):
    def create_recorder(self) -> ProcessRecorder:
        return _factory().process_recorder()


class TestNonInterleavingMemory(cases.NonInterleavingNotificationIDsBaseCase):
    insert_num = 10_000  # as eventsourcing's own in-memory case

    def create_recorder(self) -> ApplicationRecorder:
        return _factory().application_recorder()


class TestNonInterleavingMemoryWithReadsChecked(cases.NonInterleavingNotificationIDsBaseCase):
    insert_num = 10_000

    def create_recorder(self) -> ApplicationRecorder:
        return ReadCheckedMemoryRecorder()


class TestMemoryMarketFactory(cases.InfrastructureFactoryTestCase[MemoryMarketFactory]):
    def setUp(self) -> None:
        self.env = Environment("TestCase", memory_env())
        super().setUp()

    def expected_factory_class(self) -> type[MemoryMarketFactory]:
        return MemoryMarketFactory

    def expected_aggregate_recorder_class(self) -> type[AggregateRecorder]:
        return POPOAggregateRecorder

    def expected_application_recorder_class(self) -> type[ApplicationRecorder]:
        return MemoryMarketRecorder

    def expected_tracking_recorder_class(self) -> type[TrackingRecorder]:
        return POPOTrackingRecorder

    def tracking_recorder_subclass(self) -> type[TrackingRecorder]:
        return TrackingRecorderSubclass

    def expected_process_recorder_class(self) -> type[ProcessRecorder]:
        return POPOProcessRecorder


class TrackingRecorderSubclass(POPOTrackingRecorder):
    pass
