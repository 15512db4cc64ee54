"""Editor accounts from the `DASHBOARD_EDITORS` setting: names with argon2 password hashes.

Pure (no Streamlit): parse the setting, make a hash, check a password. The setting holds entries
`name:hash`, separated by commas, semicolons or white space; a hash is what `toezeggingen editor-hash`
prints. A plain-text password is refused when the setting is read.
"""

from __future__ import annotations

import logging
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

log = logging.getLogger(__name__)

_hasher = PasswordHasher()
# An argon2 hash holds commas itself ("m=65536,t=3,p=4"): an entry ends where the next "name:" starts.
_ENTRY = re.compile(r"(?P<name>[\w.@-]+):(?P<hash>\$argon2\S*?)(?=[,;\s]+[\w.@-]+:|[,;\s]*$)")
NAME = re.compile(r"^[\w.@-]+$")


class AccountsError(ValueError):
    """The setting is malformed (for instance a password where its hash belongs)."""


def parse(setting: str | None) -> dict[str, str]:
    """Editor name -> argon2 hash. Raises AccountsError for anything that is not `name:$argon2…`."""
    text = (setting or "").strip()
    if not text:
        return {}
    accounts: dict[str, str] = {}
    position = 0
    for m in _ENTRY.finditer(text):
        if text[position : m.start()].strip(",; \t\n"):
            break
        accounts[m["name"]] = m["hash"]
        position = m.end()
    if text[position:].strip(",; \t\n"):
        raise AccountsError(
            "DASHBOARD_EDITORS holds entries name:hash (a hash from `toezeggingen editor-hash`), "
            "never a password"
        )
    return accounts


def make_hash(password: str) -> str:
    if not password:
        raise AccountsError("an empty password")
    return _hasher.hash(password)


def entry(name: str, password: str) -> str:
    """The `name:hash` entry for the setting."""
    if not NAME.match(name):
        raise AccountsError(f"a name of letters, digits, '.', '-', '_' or '@': {name!r}")
    return f"{name}:{make_hash(password)}"


def check(accounts: dict[str, str], name: str, password: str) -> bool:
    """Whether `password` is `name`'s. Unknown names cost a hash as well, so timing does not tell them."""
    stored = accounts.get(name.strip())
    try:
        if stored is None:
            _hasher.verify(_DUMMY, password or "-")
            return False
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY = _hasher.hash("not an account")
