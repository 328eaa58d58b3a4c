"""Security regression tests: each one is an attack that worked (or could work) once."""

from __future__ import annotations

import sys
from pathlib import Path

# reuse the verifier's throwaway keys, diplomas and trust lists
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "verifier"))
