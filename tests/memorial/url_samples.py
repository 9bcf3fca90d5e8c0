"""Sample reverse() kwargs for the memorial's URL patterns that take parameters.

name -> callable returning kwargs from what is in the test database (or None to skip).
"""

SAMPLES = {}
