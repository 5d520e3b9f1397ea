"""Password hashing: the one place that names the argon2 parameters.

A stored hash made with other parameters (an older release, or the seed of another version)
still verifies; the login that proves the password rehashes it with these
(``needs_rehash``, in the login's transaction: services/tokens.py).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): a login costs tens of milliseconds.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_DUMMY_HASH = HASHER.hash("lapor-desk-dummy-password")

MIN_LENGTH = 8
MAX_LENGTH = 1024  # what a login body accepts (routes_auth.LoginIn)


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``salt`` only for reproducible demo data (the seed); real passwords get a random one."""
    return HASHER.hash(password, salt=salt) if salt is not None else HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists (pass ``None`` for an unknown user)."""
    try:
        return HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when ``password_hash`` was made with parameters other than :data:`HASHER`'s."""
    try:
        return HASHER.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def new_password_problem(password: str) -> str | None:
    """Why ``password`` cannot be a new password, or None (length as NIST SP 800-63B asks)."""
    if len(password) < MIN_LENGTH:
        return f"a password has at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"a password has at most {MAX_LENGTH} characters"
    if "\x00" in password:
        return "a password cannot contain a NUL character"
    return None
