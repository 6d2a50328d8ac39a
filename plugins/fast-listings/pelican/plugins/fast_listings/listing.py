"""A list whose `in` test is a set lookup by identity. No Pelican here."""

from typing import Any


class IndexedList(list):
    """A list that answers `x in self` from a set of its items' ids, built when first asked.

    For items compared by identity (objects without `__eq__`), this is exactly `list`'s
    answer. Any change to the list forgets the set.
    """

    __slots__ = ("_ids",)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._ids: set[int] | None = None

    def __contains__(self, item: object) -> bool:
        if self._ids is None:
            self._ids = {id(member) for member in self}
        return id(item) in self._ids


def _forgetting(name: str) -> Any:
    method = getattr(list, name)

    def changed(self: IndexedList, *args: Any, **kwargs: Any) -> Any:
        self._ids = None
        return method(self, *args, **kwargs)

    changed.__name__ = name
    return changed


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "__setitem__",
              "__delitem__", "__iadd__", "__imul__"):  # fmt: skip
    setattr(IndexedList, _name, _forgetting(_name))
