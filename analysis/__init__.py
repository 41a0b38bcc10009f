"""Pure statistics over study data (no I/O, no database, no UI).

Build a :class:`analysis.dataset.StudyData` once from the Store's lists, filter
it if needed, then call one function per statistic; every result has a
``to_table()`` returning a generic :class:`analysis.table.Table`:

* :mod:`analysis.frequencies` — ``code_frequencies``
* :mod:`analysis.crosstab` — ``code_by_attribute``, ``code_by_session_field``,
  ``code_by_session``
* :mod:`analysis.cooccurrence` — ``cooccurrence``
* :mod:`analysis.profile` — ``participant_profile``, ``session_table``,
  ``session_profile``
* :mod:`analysis.saturation` — ``saturation``, ``saturation_from_counts``
* :mod:`analysis.agreement` — ``presence_agreement``, ``segment_agreement``,
  ``study_unitizing_alpha`` (Krippendorff's uα family, 2019),
  ``study_unitizing_alpha_2004`` (the 1995/2004 coefficient) and the coefficient
  functions

Undefined statistics are :class:`analysis.undefined.Undefined` values with a
reason. Formulas and worked examples: docs/statistics.md.
"""
