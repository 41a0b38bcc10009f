"""Dialogs: every ``ModalScreen`` of the app (forms, pickers, confirmations, reports).

A dialog is pushed over a screen and returns its result to it; dialogs use widgets, keys
and models, never a screen (checked by import-linter).
"""
