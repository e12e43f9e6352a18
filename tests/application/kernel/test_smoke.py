"""A first end-to-end check that every store opens, records and reopens."""

from sharemarket import Actor, FirmId, FirmSize


def test_admit_and_list_members_on_every_store(store):
    """Admitting a firm is visible to a market reopened on the same store."""
    market = store.open()
    admin = Actor.administrator("admin-1")
    market.park.establish(admin, request_id="p", name="Dehua ceramics park")
    market.park.admit_firm(
        admin,
        request_id="a1",
        firm="91350100M000100Y43",
        name="同鑫陶瓷",
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=["rep-1"],
    )
    reopened = store.open()
    assert [m.firm for m in reopened.park.members()] == [FirmId("91350100M000100Y43")]
