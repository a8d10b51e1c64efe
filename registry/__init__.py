"""The registry's domain: park entities, their recorded facts, and the application that saves them.

Imports nothing of the web, the scheduler or the policy engine (enforced by a test).
"""
