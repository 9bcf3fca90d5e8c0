class BackupError(Exception):
    """A snapshot cannot be taken or restored; the message says why, for the operator."""
