"""Headless sync with the LAPOR Desk server: transport, protocol, outbox, engine. No Qt here."""
