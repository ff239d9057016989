"""The deploy tests start the receiver as its own tests do: with their helpers (receiversite)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "receiver"))
