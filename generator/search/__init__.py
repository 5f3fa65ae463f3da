"""Site search: Dutch text analysis, the documents, and a sharded index the browser loads per query.

Nothing here knows MkDocs: the build adds the files ``index.search_files`` returns
to the site, and ``zoeken.js`` (the query side) reads them.
"""
