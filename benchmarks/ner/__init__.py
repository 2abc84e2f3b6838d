"""NER benchmark: exact-span PER/LOC/ORG F1 on factRuEval-2016, GermEval 2014 and NER-UK."""
