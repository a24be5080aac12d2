"""Browser bookmark exports (Netscape bookmark file) as Chrome, Firefox, Edge, Safari and Internet Explorer
write them: folders become tags, each link is reported with the line it is on."""

from __future__ import annotations

from bookmarks_tasks.domain.imports.file_text import file_text
from bookmarks_tasks.domain.imports.import_lines import ImportedLine, MalformedLine
from bookmarks_tasks.domain.imports.netscape_bookmarks import parse_netscape_bookmarks
from tests.tasks.import_fixtures import fixture_bytes


def _links(name: str) -> list[ImportedLine]:
    lines = parse_netscape_bookmarks(file_text(fixture_bytes(name)))
    assert all(isinstance(line, ImportedLine) for line in lines)
    return [line for line in lines if isinstance(line, ImportedLine)]


def _by_line(name: str) -> dict[int, dict[str, object]]:
    return {line.line: line.submission for line in _links(name)}


def test_nested_chrome_folders_become_tags_from_the_outermost_in() -> None:
    assert _by_line("chrome_bookmarks.html")[17]["tags"] == ["work", "serverless-patterns"]


def test_the_bookmarks_bar_and_other_bookmarks_give_no_tag() -> None:
    links = _by_line("chrome_bookmarks.html")
    assert links[11]["tags"] == []
    assert links[28]["tags"] == ["reading-later"]


def test_html_entities_in_titles_and_urls_are_decoded() -> None:
    link = _by_line("chrome_bookmarks.html")[14]
    assert link["title"] == "AWS Step Functions & State Machines"
    assert link["url"] == "https://aws.amazon.com/step-functions/?utm_source=newsletter&utm_medium=email"


def test_a_javascript_bookmarklet_is_read_as_a_link_for_validation_to_refuse() -> None:
    assert str(_by_line("chrome_bookmarks.html")[21]["url"]).startswith("javascript:(function(){")


def test_every_link_of_a_chrome_export_is_read_in_file_order() -> None:
    assert list(_by_line("chrome_bookmarks.html")) == [11, 14, 17, 18, 21, 27, 28]


def test_firefox_tags_are_added_to_the_folder_tags_and_the_toolbar_gives_none() -> None:
    assert _by_line("firefox_bookmarks.html")[20]["tags"] == ["http", "reference"]


def test_a_description_after_dd_is_kept_with_its_line_breaks_folded() -> None:
    description = _by_line("firefox_bookmarks.html")[20]["description"]
    assert description == "The Hypertext Transfer Protocol: an overview, guides and references."


def test_firefox_smart_bookmarks_are_read_for_validation_to_refuse() -> None:
    assert str(_by_line("firefox_bookmarks.html")[12]["url"]).startswith("place:")


def test_an_accented_edge_folder_becomes_an_ascii_tag() -> None:
    assert _by_line("edge_favorites.html")[14]["tags"] == ["equipe-donnees"]


def test_safari_folders_without_a_root_list_and_its_reading_list_are_read() -> None:
    links = _by_line("safari_bookmarks.html")
    assert links[11]["tags"] == ["swift"]
    assert links[19]["tags"] == []
    assert links[19]["description"] == "Enable web views and services in your app."


def test_a_windows_1252_export_is_decoded_as_its_meta_tag_says() -> None:
    links = _by_line("internet_explorer_windows_1252.html")
    assert links[11] == {"url": "http://www.example.fr/café", "title": "Le café “de la gare”", "tags": ["references"]}
    assert links[12]["url"] == "http://www.example.fr/prix?devise=€"


def test_an_anchor_without_href_is_reported_with_its_line() -> None:
    text = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A NAME=x>No link</A>\n</DL>"
    assert parse_netscape_bookmarks(text) == [MalformedLine(3, "the link has no HREF attribute")]
