"""A sample press on loopback: outlets in four languages with feeds and article pages.

``make demo`` and the integration tests crawl it. The articles are original, fictional
news written for presswatch (``articles/*.toml``); each outlet renders them with its own
templates (``templates/<outlet>/``). :class:`SampleArticle` rows are the ground truth.
"""

from presswatch.samplepress.server import SampleArticle, SamplePress

__all__ = ["SampleArticle", "SamplePress"]
