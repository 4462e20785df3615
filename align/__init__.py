"""plantrace.align: aligning goals, assignments and indicators across documents (issue 5).

First piece: `plantrace.align.normalise.normalise` folds a text for comparison (lemmas, no numbering or opening
formulas, years and numbers masked but kept as evidence) and `plantrace.align.themes.assign_themes` tags it
with themes of social-services planning, kept as data in `themes.THEMES`. Nothing is re-exported here, so that
the module `normalise` is not shadowed by its function; importing the package does not load spaCy.
"""
