"""Stories: the same event across outlets and languages (grouping arrives in a later issue)."""
