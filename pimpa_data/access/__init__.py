"""Accounts, sign-in sessions, back-off of failed sign-ins and the buffered audit log."""
