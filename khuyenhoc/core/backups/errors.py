"""The one error of backups and restores: a Vietnamese sentence for the operator."""

from khuyenhoc.core.errors import DomainError, ErrorCode


class BackupError(DomainError):
    """A backup or restore refused, before it changed anything (unless the message says otherwise)."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.INVALID, message)
