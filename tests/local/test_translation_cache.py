"""SAM's translation is kept per process by its input (bookmarks_flow.local.cfn_template): every environment
translates the same template, and each must get a template of its own, as translated for its parameters."""

from __future__ import annotations

import copy
import json

from bookmarks_flow.local.cfn_template import load_template, translate
from tests.support.template_variants import PROJECT_DIR

TEMPLATE = load_template(PROJECT_DIR / "template.yaml")


def test_a_template_translated_again_is_an_equal_copy_that_the_first_ones_changes_do_not_reach() -> None:
    first = translate(TEMPLATE, {"WebHosting": "None"})
    untouched = json.dumps(first, sort_keys=True)
    first["Resources"].clear()

    second = translate(TEMPLATE, {"WebHosting": "None"})

    assert second is not first
    assert json.dumps(second, sort_keys=True) == untouched


def test_a_changed_template_is_translated_for_itself() -> None:
    translate(TEMPLATE, {"WebHosting": "None"})
    changed = copy.deepcopy(TEMPLATE)
    changed["Description"] = "changed since the last translation"

    assert translate(changed, {"WebHosting": "None"})["Description"] == "changed since the last translation"
    assert translate(TEMPLATE, {"WebHosting": "None"})["Description"] == TEMPLATE["Description"]
