"""The venues slice (阵地共享): rooms with rules, day calendars, bookings, quotas."""
