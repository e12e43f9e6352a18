"""The park slice's domain: the park, its administrators, member firms and representatives."""
