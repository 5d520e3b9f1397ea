"""Messages to the reporter through the channel they used (email, WhatsApp, SMS).

- ``queue``: a row of ``notifications`` is written by ``services/records.write_transition`` in
  the transaction of the change it tells about (verified, forwarded, answered, finished), one per
  audit event; claimed by one worker at a time, retried with backoff.
- ``routes``: where a reply may go (never an anonim reporter's own contact).
- ``templates``: the Indonesian wording, an editable TOML file.
- ``senders``: SMTP, the WhatsApp Business Cloud API, an SMS gateway's HTTP API.
- ``send``: one round of sending (the housekeeping loop, ``lapor-server notify send``).
"""
