"""Extract stage: an HTML page in, an Article (or the reason it is not one) out.

Entry point: ``presswatch.extract.article.extract_article``.
"""
