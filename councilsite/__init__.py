"""Council site generator: the engine-independent core."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("councilsite")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
