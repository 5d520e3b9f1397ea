"""The public pages of the server: a citizen sends a complaint at ``/`` and follows it at
``/lacak`` (tracking number + secret code), reads the public follow-ups, answers one and rates
the handling. Server-rendered, small, Bahasa Indonesia; off until ``[public] agency`` is set.

- ``guard.py``: the signed form tokens (CSRF, double-submit cookie) and the per-address limits;
- ``service.py``: what each page does to the database;
- ``routes.py``: the pages themselves (templates in ``templates/``).
"""
