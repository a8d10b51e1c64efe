"""Scheduled work: alert scans and webhook delivery. Each job is a plain function of the wired
services and a date or instant; APScheduler only decides when to call it."""
