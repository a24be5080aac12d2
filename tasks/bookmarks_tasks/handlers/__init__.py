"""Thin Lambda entry points: parse the event, call a domain function, shape the response."""
