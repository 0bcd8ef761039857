"""Steps that formats share, so that each new format builds on them instead of copying:

- `items`: pieces with stable ids in a state's tuples (find, change, take out);
- `contributions`: texts with an author, and the trace moderation leaves (edited, hidden);
- `themes`: grouping contributions under titled themes (columns, groups of duplicates,
  what a group of ideas is about);
- `dots`: dot votes (several dots a person, several on one item, taken back, given back when an
  item is hidden, carried when items merge) and the ranking they give, with shows of hands;
- `rounds`: a round of speakers in an order, whose turn it is, and what each said.

Each module holds state pieces (frozen dataclasses) and pure functions over them; a format's own
commands and events call them, under the format's own names.
"""
