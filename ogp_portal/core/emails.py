"""One spelling per mailbox, to tell when two addresses reach the same person.

Used where the portal keeps one record per address: call alerts, and petition signatures
(petitions.identity.normalise_email is this function).
"""

# Providers that deliver "first.last+tag@" to "firstlast@": the dots and the tag are noise.
_DOTS_AND_TAGS = {"gmail.com", "googlemail.com"}
# Providers that ignore a "+tag" but keep dots meaningful.
_TAGS_ONLY = {
    "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com",
    "yahoo.com", "yahoo.fr", "ymail.com", "icloud.com", "me.com", "mac.com",
    "protonmail.com", "proton.me", "pm.me", "fastmail.com",
}  # fmt: skip
_DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}


def normalise_email(value: str) -> str:
    """Lowercase; for Gmail no dots and no "+tag"; for Outlook, Hotmail, Yahoo, iCloud, Proton
    and Fastmail no "+tag". Other domains only lowercase (a "+" or a dot may matter there)."""
    email = (value or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not local:
        return email
    domain = domain.rstrip(".")
    if domain in _DOTS_AND_TAGS or domain in _TAGS_ONLY:
        local = local.split("+", 1)[0] or local
    if domain in _DOTS_AND_TAGS:
        local = local.replace(".", "") or local
    return f"{local}@{_DOMAIN_ALIASES.get(domain, domain)}"
