"""The suhbat Textual application: opens one project and hosts every screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import suppress
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from i18n import LANGUAGES, _, set_language
from i18n.formatting import language_name
from i18n.textual_strings import PALETTE_PLACEHOLDER, textual_text
from i18n.user_settings import store_language
from storage import Store, SuhbatError
from storage.connection import is_corruption
from storage.damage import damaged_project
from tui.backups import backup_commands, install_backups
from tui.coder_memory import remember_coder, remembered_coder
from tui.collector_tuning import settle_collector
from tui.dialogs.quit_modal import quit_or_ask
from tui.early_keys import take_key
from tui.exchange_commands import exchange_commands
from tui.keys.bindings import key_binding
from tui.language_switch import LanguageFollower, translate_bindings, translate_screen_bindings
from tui.navigation import SCREENS, entry
from tui.stale_files import remove_stale_files
from tui.textual_internals import ReusingStylesheet
from tui.wal_flush import WalFlush
from tui.work_commands import work_commands


class SuhbatApp(App[None]):
    """A terminal app over one project file.

    ``store`` is the app's Store (used on the UI thread only); workers open their own
    Store on :attr:`project_path`.
    """

    TITLE = "suhbat"
    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        key_binding("ctrl+q", "quit", _("Quit"), _("Quit suhbat"), "quit"),
        *[
            key_binding(
                item.key,
                f"open_screen('{item.id}')",
                _(item.title),
                _(item.help),
                f"screen-{item.id}",
                show=item.id == "home",
            )
            for item in SCREENS
        ],
    ]

    def __init__(self, project_path: str | Path, *, coder: str | None = None) -> None:
        super().__init__()
        # Parsed CSS is kept across the re-parse each new screen causes.
        self.stylesheet = ReusingStylesheet(variables=self.get_css_variables())
        self.project_path = Path(project_path)
        self.open_error: SuhbatError | None = None
        """Why the project could not be opened (the app then shows only that)."""
        try:
            self.store = Store(self.project_path)
        except SuhbatError as error:
            self.open_error = error
            self.coder_name = coder
            return
        try:
            project = self.store.project()
            last_coder = self.store.get_setting("last_coder")
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            # Damage that the check on opening cannot see (text that does not decode).
            if isinstance(error, sqlite3.DatabaseError) and not is_corruption(error):
                raise
            self.store.close()
            self.open_error = damaged_project(self.project_path)
            self.coder_name = coder
            return
        self.project_name = project.name
        self.project_uuid = project.uuid
        self.last_coder = last_coder or project.default_coder
        """The project's last coder: only offered when this user is asked who codes."""
        self.coder_name = coder or remembered_coder(project.uuid)

    @property
    def coder_name(self) -> str | None:
        """Who codes in this app: ``--coder``, else the name this user gave the project before.

        Never the project's default or last coder (that would file one coder's work under
        another's name); ``None`` until the user is asked (on first coding).
        """
        return self._coder_name

    @coder_name.setter
    def coder_name(self, name: str | None) -> None:
        self._coder_name = name.strip() if name and name.strip() else None
        uuid = getattr(self, "project_uuid", None)
        if self._coder_name and uuid:
            remember_coder(uuid, self._coder_name)
            with suppress(SuhbatError, sqlite3.Error):
                self.store.set_setting("last_coder", self._coder_name)
        self._show_coder()

    def _show_coder(self) -> None:
        """The header's subtitle: who codes (first, so narrow terminals show it) and the project."""
        name = getattr(self, "project_name", None)
        if name is None:
            return
        coder = self.coder_name
        self.sub_title = _("coder: {name}").format(name=coder) + f" · {name}" if coder else name

    def on_mount(self) -> None:
        translate_bindings(self)
        if self.open_error is not None:
            from tui.screens.cannot_open import CannotOpenScreen

            self.push_screen(CannotOpenScreen(self.project_path, self.open_error))
            return
        self.language_follower = LanguageFollower(self)
        for item in SCREENS:
            self.add_mode(item.id, partial(_build, item.id))
        self.switch_mode("home")
        self.backups = install_backups(self, self.project_path)
        WalFlush(self, self.project_path, self.store.change_stamp()).start()
        if stale := remove_stale_files(self.project_path):
            self.notify(stale, markup=False)
        # Once the first screen is up, the collector stops walking the long-lived objects.
        self.call_after_refresh(settle_collector)

    def on_unmount(self) -> None:
        if self.open_error is None:
            self.store.close()

    def action_open_screen(self, screen_id: str) -> None:
        """Show the screen ``screen_id`` (each screen is a mode with its own stack)."""
        if self.open_error is None and self.current_mode != screen_id:
            self.switch_mode(screen_id)

    async def action_quit(self) -> None:
        """Quit suhbat; while a live session is running, ask first (:mod:`.quit_modal`)."""
        quit_or_ask(self, None if self.open_error is not None else self.store)

    def action_set_language(self, language: str) -> None:
        """Switch the interface language at run time (and remember it for next time)."""
        set_language(language)
        with suppress(OSError):
            store_language(language)
        translate_bindings(self)
        self._show_coder()
        # The screens shown now are redrawn at once, the others when they are shown again.
        self.language_follower.language_changed()
        self.notify(
            _("Interface language: {language}").format(language=language_name(language)),
            markup=False,
        )

    def action_command_palette(self) -> None:
        """Open the command palette, its placeholder and keys in the UI language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            palette = CommandPalette(
                placeholder=textual_text(PALETTE_PLACEHOLDER), id="--command-palette"
            )
            translate_bindings(palette)
            self.push_screen(palette)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification; Textual's own English texts are translated.

        Toasts show user text (titles, names, file paths), so they are plain text
        unless a caller asks for markup explicitly; every call passes ``markup=False``
        too, because ``Widget.notify`` forwards its own default (``True``).
        """
        super().notify(
            textual_text(message),
            title=textual_text(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    async def on_event(self, event: events.Event) -> None:
        """Keys typed into a dialog in a burst land in order (:mod:`tui.early_keys`)."""
        if isinstance(event, events.Key) and not event.is_forwarded and take_key(self, event):
            return
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key no widget took, typed before a dialog opened (:mod:`tui.early_keys`)."""
        if take_key(self, event, came_back=True):
            event.stop()
            event.prevent_default()  # (not the app's bindings as well)

    def action_show_help_panel(self) -> None:
        """Show the Keys panel with every key of the screen described in the UI language."""
        translate_screen_bindings(self.screen)
        super().action_show_help_panel()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(
                title=textual_text(command.title), help=textual_text(command.help)
            )
        if self.open_error is not None:
            return
        for item in SCREENS:
            yield SystemCommand(
                _(item.title), _(item.help), partial(self.action_open_screen, item.id)
            )
        yield from work_commands(screen)
        yield from backup_commands(self, getattr(self, "backups", None))
        yield from exchange_commands(self)
        for language in LANGUAGES:
            yield SystemCommand(
                _("Language: {language}").format(language=language_name(language)),
                _("Switch the interface language"),
                partial(self.action_set_language, language),
            )


def _build(screen_id: str) -> Screen[None]:
    return entry(screen_id).load()()
