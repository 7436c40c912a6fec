"""Tribunal appeals, their orders and the national trial's health and social care
recommendations."""
