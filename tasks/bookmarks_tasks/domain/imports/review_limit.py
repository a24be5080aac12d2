"""How many links one import may send for review.

Each reviewed link is a Standard execution that waits for a manager (days, on AWS; a thread of its own on the
local stack) and one approval e-mail to the managers: an import of thousands would flood their mailbox and hold
thousands of waiting executions. Over the limit, import without review (the importing manager approves) or split
the file.
"""

from __future__ import annotations

from bookmarks_tasks.domain.imports.import_file import ImportRefused

REVIEW_LINK_LIMIT = 200


def check_review_size(links: int) -> None:
    if links > REVIEW_LINK_LIMIT:
        raise ImportRefused(
            f"an import with review sends at most {REVIEW_LINK_LIMIT} links, one approval request to the managers "
            f"each, and this file has {links}: import it without review (you approve them as you import), "
            f"or split it into files of {REVIEW_LINK_LIMIT} links or fewer"
        )
