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


class StoreError(InputError):
    """A `--db` file plantrace will not open: not DuckDB, another application's database, a newer store, or in use."""


def check_writable(path, what: str = "file") -> None:
    """Refuse an output path before any work is done, with the reason a write there would fail.

    Checked up front so a command that reads for minutes does not fail at its last step (the demo printed all
    its reports before finding its HTML file could not be written).
    """
    import os
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        raise InputError(str(path), f"is a folder; give a {what} name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise InputError(str(path), f"cannot write: folder {parent} does not exist")
    if not parent.is_dir():
        raise InputError(str(path), f"cannot write: {parent} is a file, not a folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(str(path), "cannot write: the file is read-only")
    if not path.exists() and not os.access(parent, os.W_OK):
        raise InputError(str(path), f"cannot write: folder {parent} is read-only")


def write_reason(e: OSError) -> str:
    """An `OSError` from writing as the reason of one line."""
    return f"cannot write: {e.strerror or e}"
