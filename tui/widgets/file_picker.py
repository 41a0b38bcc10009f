"""A file path field with a folder browser under it (for import and merge dialogs)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DirectoryTree, Input


class SuffixDirectoryTree(DirectoryTree):
    """A folder tree that lists sub-folders and only files with the given suffixes
    (leaving out ``exclude``, e.g. the open project itself)."""

    def __init__(
        self,
        path: Path,
        suffixes: tuple[str, ...],
        *,
        exclude: Path | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(path, id=id)
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.exclude = exclude.resolve() if exclude is not None else None

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Hide dot files; keep folders and files whose suffix is wanted."""
        kept = []
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or (
                    path.suffix.lower() in self.suffixes and path.resolve() != self.exclude
                ):
                    kept.append(path)
            except OSError:
                continue
        return kept


class FilePicker(Vertical):
    """Type a path, or browse: a folder typed in the field is shown below, and a file
    chosen there (Enter or click) fills the field."""

    DEFAULT_CSS = """
    FilePicker { height: auto; }
    FilePicker SuffixDirectoryTree { height: 10; border: round $primary 40%; }
    """

    def __init__(
        self,
        folder: Path,
        suffixes: tuple[str, ...],
        *,
        placeholder: str = "",
        exclude: Path | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.folder = folder
        self.suffixes = suffixes
        self.placeholder = placeholder
        self.exclude = exclude

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id="picker-path")
        yield SuffixDirectoryTree(
            self.folder, self.suffixes, exclude=self.exclude, id="picker-tree"
        )

    @property
    def field(self) -> Input:
        """The path field."""
        return self.query_one("#picker-path", Input)

    @property
    def value(self) -> str:
        """The path as typed or chosen (stripped)."""
        return self.field.value.strip()

    @on(DirectoryTree.FileSelected)
    def _chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.field.value = str(event.path)
        self.field.focus()

    @on(Input.Changed, "#picker-path")
    def _typed(self, event: Input.Changed) -> None:
        raw = event.value.strip()
        if not raw:
            return
        path = Path(raw).expanduser()
        tree = self.query_one(SuffixDirectoryTree)
        try:
            if path.is_dir() and path.resolve() != Path(tree.path).resolve():
                tree.path = path
        except OSError:
            return
