"""How many approved bookmarks a search reads in each Query, filtering words in the function.

One search request reads at most MAX_READ_PER_SEARCH approved bookmarks, so that its time is bounded; when it stops
early it returns a nextToken, as a DynamoDB filter does. The first page is small (a common word fills a page from
the newest few dozen); the next asks for what the first page's match rate says is needed, with a margin, or for
the rest at once when nothing matched yet: every Query call walks the index again (moto walks the whole table),
so a rare word's search should not take many. DynamoDB still stops a page at 1 MB, whatever Limit asks.
"""

from __future__ import annotations

import math

MAX_READ_PER_SEARCH = 3000
FIRST_READ_PAGE = 50
MARGIN = 1.5


def next_read_size(*, wanted: int, found: int, read: int) -> int:
    """How many bookmarks the next Query reads, from the matches so far."""
    left = MAX_READ_PER_SEARCH - read
    if read == 0:
        return min(FIRST_READ_PAGE, left)
    if found == 0:
        return left
    return max(1, min(left, max(FIRST_READ_PAGE, math.ceil((wanted - found) * read / found * MARGIN))))
