"""Analysis results over one loaded study, computed once when several exports need them.

A report and a workbook written together (``suhbat export report --workbook``) show
the same code frequencies, crosstabs and intercoder agreement; each is computed by the
first export that asks for it and handed to the second. The results are kept for one
:class:`analysis.dataset.StudyData` (the object, not its contents), so nothing computed
over other data is ever returned.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, TypeVar, cast

from analysis.dataset import StudyData

P = ParamSpec("P")
R = TypeVar("R")


class SharedResults:
    """Results of analysis functions over one :class:`StudyData`, each computed once."""

    def __init__(self) -> None:
        self._results: dict[Hashable, tuple[StudyData, object]] = {}

    def of(
        self,
        function: Callable[Concatenate[StudyData, P], R],
        data: StudyData,
        /,
        *args: P.args,
        **options: P.kwargs,
    ) -> R:
        """``function(data, *args, **options)``, or what the same call returned before.

        The arguments must be hashable (codes, coders, thresholds, names); a call with
        different arguments, or over another ``data``, is computed afresh.
        """
        key = (function, id(data), args, tuple(sorted(options.items())))
        found = self._results.get(key)
        if found is not None and found[0] is data:
            return cast(R, found[1])
        result = function(data, *args, **options)
        self._results[key] = (data, result)
        return result
