"""``python -m verifier.schemas --copy-to issuer/schemas``: refresh the issuer's copies."""

import sys
from pathlib import Path

from verifier.schemas import copy_to

if len(sys.argv) != 3 or sys.argv[1] != "--copy-to":
    sys.exit("usage: python -m verifier.schemas --copy-to DIRECTORY")
for written in copy_to(Path(sys.argv[2])):
    print(written)
