"""What services raise when a request cannot be carried out."""


class ServiceError(Exception):
    """A request that cannot be carried out, with a translated message for the person who
    asked and a stable code for tests and callers. Each service module has its own subclass."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
