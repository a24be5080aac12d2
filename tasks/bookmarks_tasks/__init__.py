"""Lambda code for bookmarks-flow: `domain` holds plain business rules, `aws` the storage and messaging edges,
`handlers` the thin Lambda entry points named in template.yaml."""
