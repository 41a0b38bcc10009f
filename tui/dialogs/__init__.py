"""Dialogs (modal screens) of the app."""
