"""The package's version, importable by every stage without importing the package's API (`plantrace/__init__`)."""

__version__ = "0.1.0"
