"""A short news article's headline and paragraphs, as a text browser wraps them, shared by the
tests of the steps that read a dump's header (title, date, author, publisher)."""

HEADLINE = "How Cities Are Cooling Their Streets This Summer"

BODY = """When the heat wave arrived in early June, the city's streets were already ten degrees warmer than
the parks around them, and the council had a plan ready to cool them down.
Over the last five years the city has planted more than forty thousand trees along its busiest
streets, painted roofs white and opened water fountains in every district.
The cooling plan cost less than a new bridge, the mayor said, and the summer heat in the streets has
fallen by two degrees on average since the first trees were planted.
Other cities are now copying the plan: planners from three countries visited this spring to see how
the streets were changed and what the residents think of it.
"""
