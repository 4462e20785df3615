"""Errors that name the file and the reason, so a batch can report one line per bad input and go on."""


from contextlib import contextmanager


class InputError(Exception):
    """A source file that cannot be read or understood."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = str(source)
        self.reason = reason


def reason_of(e: BaseException) -> str:
    """The one line a failed file gets: an `InputError`'s own reason, or the exception's type and message."""
    return e.reason if isinstance(e, InputError) else f"{type(e).__name__}: {e}"


@contextmanager
def reading(path):
    """Turn the ways reading a file fails into one `InputError` line naming the file."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(str(path), "file not found (missing or removed while running)") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from None
