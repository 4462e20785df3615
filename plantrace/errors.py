"""Errors that name the file and the reason, so a batch can report one line per bad input and go on."""


class InputError(Exception):
    """A source file that cannot be read or understood."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = str(source)
        self.reason = reason
