"""The channels a pemda runs itself: email over IMAP, WhatsApp Business Cloud API webhooks, an
SMS gateway's webhook. Each is off until configured (docs/deploy.md, "Channels"); every message
is taken in once (``intake.take_in``)."""
