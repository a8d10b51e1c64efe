"""The `jcg` command: the composition root that wires the API, the jobs and the projections."""
