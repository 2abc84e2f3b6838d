"""Review: the editorial states of a document and the desk's authentication."""
