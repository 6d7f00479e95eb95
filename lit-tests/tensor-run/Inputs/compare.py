"""compare.py A.npy B.npy [RTOL]: same shape and dtype, values equal within RTOL (default exact)."""
import sys

import numpy as np

a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
assert a.dtype == b.dtype, (a.dtype, b.dtype)
assert a.shape == b.shape, (a.shape, b.shape)
np.testing.assert_allclose(a, b, rtol=rtol, atol=0)
print(f"match: {a.dtype} {a.shape}")
