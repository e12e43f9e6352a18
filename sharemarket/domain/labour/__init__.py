"""Labour sharing (共享用工): agreements, confirmed shifts, working-time caps, settlement."""
