"""Think times of the deadline-day scenario (shared by the locustfile and its runner)."""

#: Seconds between one user's actions, per kind of user, at the human pace: a unit's filler
#: reads the page and types a field, a reviewer reads the evaluation before deciding, a
#: member of the public reads a list page.
THINK_SECONDS = {"unit": (5, 15), "reviewer": (10, 30), "public": (5, 20)}
