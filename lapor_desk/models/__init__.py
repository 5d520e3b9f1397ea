"""The domain of LAPOR!/SP4N complaint handling and the local cache schema. No Qt here."""
