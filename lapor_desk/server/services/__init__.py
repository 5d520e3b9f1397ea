"""Domain services of the reference server: plain Python over SQLAlchemy sessions, no FastAPI.

The HTTP routes, the CLI, the seed generator and the tests all call these. Each function works in
the session it is given; the caller owns the transaction (``database.transaction(engine)``),
except ``complaints.auto_close_due(engine)``, which opens one transaction per complaint itself.

    passwords   the argon2 parameters: hash_password, verify_password, needs_rehash
    users       create_user, move_user, disable_user, set_password (ends the user's sessions)
    tokens      check_password + issue_token (= login), authenticate (expiry, idle), logout
    throttle    LoginThrottle: failed-login counts in the database, per username and address
    actions     apply_action (one pushed action, idempotent), bind_client
    complaints  submit_complaint, reporter_response, auto_close_due, delete_complaint
    records     the row writer every change goes through (seqs, scope exits, re-stamping)
    directory   the agency tree and the acting user

Exceptions (``services.errors``)::

    ServiceError              something the caller asked for cannot be done
    ├── AuthError(code)       bad_credentials, account_disabled, token_invalid/expired/revoked
    ├── NotFoundError         no such user, unit or complaint
    └── InvalidInputError     a value outside what the domain accepts
"""
