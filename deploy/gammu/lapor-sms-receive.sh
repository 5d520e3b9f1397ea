#!/bin/sh
# Gammu SMSD's RunOnReceive: hands each received SMS to the LAPOR Desk server's SMS webhook
# (POST /channels/sms; docs/deploy.md, "Channels").
#
# In /etc/gammu-smsdrc:
#     [smsd]
#     RunOnReceive = /usr/local/bin/lapor-sms-receive.sh
# and the server's address and the gateway's token ([sms] token of the server's configuration)
# in /etc/lapor-sms/sms.env (mode 0600, owned by the user gammu-smsd runs as):
#     LAPOR_SMS_URL=https://lapor.konawekab.go.id/channels/sms
#     LAPOR_SMS_TOKEN=...
#
# Gammu gives the message in the environment (SMS_MESSAGES parts, SMS_1_NUMBER, SMS_<n>_TEXT,
# DECODED_1_TEXT for a long message in several parts) and the ids of the received messages as
# arguments: the first id is the message's id for the server, so a message handed over twice
# (Gammu runs the script again after two minutes without an answer) is one message there.
set -eu

ENV_FILE="${LAPOR_SMS_ENV:-/etc/lapor-sms/sms.env}"
if [ -r "$ENV_FILE" ]; then
    . "$ENV_FILE"
fi
: "${LAPOR_SMS_URL:?LAPOR_SMS_URL is not set (in $ENV_FILE)}"
: "${LAPOR_SMS_TOKEN:?LAPOR_SMS_TOKEN is not set (in $ENV_FILE)}"

if [ "$#" -lt 1 ]; then
    echo "lapor-sms-receive: no message id given (run by gammu-smsd's RunOnReceive)" >&2
    exit 2
fi
ID="gammu-$1"
NUMBER="${SMS_1_NUMBER:-}"

TEXT=""
if [ "${DECODED_PARTS:-0}" -gt 0 ] && [ -n "${DECODED_1_TEXT:-}" ]; then
    TEXT="$DECODED_1_TEXT"
else
    i=1
    while [ "$i" -le "${SMS_MESSAGES:-0}" ]; do
        eval "PART=\${SMS_${i}_TEXT:-}"
        TEXT="$TEXT$PART"
        i=$((i + 1))
    done
fi

exec curl --silent --show-error --fail --max-time 60 \
    --header "Authorization: Bearer $LAPOR_SMS_TOKEN" \
    --data-urlencode "id=$ID" \
    --data-urlencode "from=$NUMBER" \
    --data-urlencode "text=$TEXT" \
    "$LAPOR_SMS_URL"
