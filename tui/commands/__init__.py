"""Subcommands of the ``suhbat`` CLI, one module per group of related commands."""
