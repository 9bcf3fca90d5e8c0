"""Sample reverse() kwargs for the embed and oEmbed URL patterns that take parameters."""

SAMPLES = {}
