"""The matching slice: the park's lists, matches, deals made from them, and the ranking."""
