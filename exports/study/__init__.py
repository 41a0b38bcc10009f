"""The project read as a study: what the writers, ``suhbat stats`` and the Analysis screen compute.

:func:`exports.study.loading.load_study` reads a Store into :class:`analysis.dataset.StudyData`
once; :mod:`exports.study.analysis_request` turns what a user asked for (on the command line
or in the Analysis screen) into tables. Both live in ``exports`` because it is the lowest
layer that may read the Store and call ``analysis`` (which is given plain data only).
"""
