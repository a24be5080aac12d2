"""Browser folder names folded into tags; the browsers' own containers give none."""

from __future__ import annotations

import pytest

from bookmarks_tasks.domain.imports.folder_tags import folder_tag


@pytest.mark.parametrize(
    ("folder", "tag"),
    [
        ("Work", "work"),
        ("Serverless Patterns", "serverless-patterns"),
        ("Équipe Données", "equipe-donnees"),
        ("Reading \u2013 Later", "reading-later"),
        ("C++ & Rust!", "c-rust"),
        ("A" * 40, "a" * 32),
    ],
)
def test_a_folder_name_is_folded_into_the_tag_alphabet(folder: str, tag: str) -> None:
    assert folder_tag(folder) == tag


@pytest.mark.parametrize("folder", ["Bookmarks bar", "Other Bookmarks", "Favorites bar", "Favourites", "日本語", "---"])
def test_browser_containers_and_unspellable_names_give_no_tag(folder: str) -> None:
    assert folder_tag(folder) is None
