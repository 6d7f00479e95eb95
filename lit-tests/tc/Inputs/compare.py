"""compare.py A.npy B.npy [RTOL]: same shape and dtype, values equal within RTOL
(default exact). With RTOL, differences up to RTOL times the largest |B| are
also accepted: a compiled sum reassociated (packed, vectorized, FMA) differs
from the interpreter's by rounding relative to the terms, not to the result,
which matters where the terms nearly cancel."""
import sys

import numpy as np

a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
assert a.dtype == b.dtype, (a.dtype, b.dtype)
assert a.shape == b.shape, (a.shape, b.shape)
atol = rtol * float(np.abs(b).max()) if rtol and b.size else 0.0
np.testing.assert_allclose(a, b, rtol=rtol, atol=atol)
print(f"match: {a.dtype} {a.shape}")
