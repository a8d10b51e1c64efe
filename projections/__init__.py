"""Read models and the policy engine, derived from the registry's events."""
