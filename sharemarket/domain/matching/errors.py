"""The matching slice's errors: lists and matches (codes unique across every slice)."""

from __future__ import annotations

from sharemarket.domain.errors import Conflict, InvalidTransition, RuleViolation


class MatchingListingNotOpen(InvalidTransition):
    """The listing was withdrawn, expired or fulfilled: it takes no new match or change."""

    code = "matching_listing_not_open"


class MatchingListingStillValid(RuleViolation):
    """A listing expires only after its validity date."""

    code = "matching_listing_still_valid"


class MatchingListingFull(RuleViolation):
    """A listing takes a bounded number of matches (live ones and over its life)."""

    code = "matching_listing_full"


class MatchingWrongRoles(RuleViolation):
    """A match pairs a need with a resource or a service, in that order."""

    code = "matching_wrong_roles"


class MatchingKindMismatch(RuleViolation):
    """A match never pairs two listings of different kinds."""

    code = "matching_kind_mismatch"


class MatchingSelfMatch(RuleViolation):
    """A match never pairs a firm with itself."""

    code = "matching_self_match"


class MatchingNothingCovered(RuleViolation):
    """The offer covers none of the need (another skill, no common day, too small a room...)."""

    code = "matching_nothing_covered"


class MatchingOvercommitted(Conflict):
    """What the need still lacks, or what the offer still has, is already taken by live matches."""

    code = "matching_overcommitted"


class MatchingNotProposed(InvalidTransition):
    """Only a proposed match can be accepted or declined."""

    code = "matching_not_proposed"


class MatchingAlreadyAccepted(InvalidTransition):
    """This side has already accepted the match."""

    code = "matching_already_accepted"


class MatchingDealKindUnavailable(RuleViolation):
    """Accepting would create a deal in a slice this market does not have yet."""

    code = "matching_deal_kind_unavailable"


class MatchingDealNotComplete(RuleViolation):
    """A need is fulfilled only when the deal made from its match has completed."""

    code = "matching_deal_not_complete"


class MatchingNotAgreed(InvalidTransition):
    """Only a match both sides accepted has a deal whose outcome can be recorded."""

    code = "matching_not_agreed"
