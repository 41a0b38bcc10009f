"""Code names are filed under the language they are written in (storage.name_language)."""

from __future__ import annotations

from pathlib import Path

from exports.tables import import_table
from storage import Store
from storage.name_language import name_language


def test_script_decides_among_the_project_languages() -> None:
    languages = ("ru", "kk", "en")
    assert name_language("Бюрократия", languages, "ru") == "ru"
    assert name_language("Әкімдікке сенім", languages, "ru") == "kk"
    assert name_language("Trust in akimat", languages, "ru") == "en"
    assert name_language("Сенім", ("kk", "en"), "en") == "kk"
    assert name_language("Trust", ("ru", "kk"), "ru") == "ru"  # no Latin-script language
    assert name_language("2024", languages, "kk") == "kk"


def test_bare_names_and_codebook_rows_go_under_their_own_language(
    store: Store, fixtures_dir: Path
) -> None:
    assert store.codes.add("Бюрократия").names == {"ru": "Бюрократия"}
    assert store.codes.add("Әкімдік").names == {"kk": "Әкімдік"}
    assert store.codes.add("Approval").names == {"en": "Approval"}
    import_table(store, "codebook", fixtures_dir / "codebook.csv")
    theme = store.codes.find("Lack of responsiveness")
    assert theme is not None and theme.names == {"en": "Lack of responsiveness"}


def test_refi_codebook_carries_each_name_under_its_language(store: Store, tmp_path: Path) -> None:
    from exports.refi import import_refi, write_qdc

    theme = store.codes.add("Государство")
    store.codes.add("Approval", parent_id=theme.id)
    store.codes.add("Әкімдік", parent_id=theme.id)
    out = write_qdc(store, tmp_path / "codebook.qdc")
    with Store.create(tmp_path / "fresh.suhbat", languages=("ru", "kk", "en")) as fresh:
        import_refi(fresh, out)
        assert sorted(tuple(c.names.items()) for c in fresh.codes.all()) == [
            (("en", "Approval"),),
            (("kk", "Әкімдік"),),
            (("ru", "Государство"),),
        ]
