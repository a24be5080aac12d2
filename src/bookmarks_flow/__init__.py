"""bookmarks-flow: the local stack, the command-line tool and the tooling around the workflow."""
