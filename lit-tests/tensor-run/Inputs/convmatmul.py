"""The Conv2d -> Transpose -> batched Matmul workload of examples/convmatmul.tg.mlir in numpy.

    convmatmul.py gen DIR SEED     writes DIR/{input,filter,rhs}.npy (float32, uniform in [-1, 1))
    convmatmul.py check DIR OUT    compares OUT.npy with numpy's result on DIR's inputs (rtol 1e-4, atol 1e-4 for values near 0)
"""
import sys

import numpy as np


def gen(directory, seed):
    rng = np.random.default_rng(int(seed))
    shapes = {"input": (8, 3, 32, 32), "filter": (16, 3, 3, 3), "rhs": (8, 30, 16, 64)}
    for name, shape in shapes.items():
        np.save(f"{directory}/{name}.npy", rng.uniform(-1, 1, shape).astype(np.float32))


def expected(directory):
    x = np.load(f"{directory}/input.npy").astype(np.float64)
    w = np.load(f"{directory}/filter.npy").astype(np.float64)
    rhs = np.load(f"{directory}/rhs.npy").astype(np.float64)
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = h - kh + 1, wd - kw + 1
    conv = np.zeros((n, f, oh, ow))
    for i in range(kh):
        for j in range(kw):
            # conv[n, f, y, x] += sum_c x[n, c, y+i, x+j] * w[f, c, i, j]
            conv += np.einsum("ncyx,fc->nfyx", x[:, :, i : i + oh, j : j + ow], w[:, :, i, j])
    t = conv.transpose(0, 2, 3, 1)  # tg.transpose perm [0, 2, 3, 1]
    return np.einsum("abij,abjk->abik", t, rhs)  # batched tg.matmul


def check(directory, out):
    got = np.load(out)
    want = expected(directory)
    assert got.dtype == np.float32, got.dtype
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
    print(f"convmatmul: {out} matches numpy, shape {got.shape}")


if __name__ == "__main__":
    {"gen": gen, "check": check}[sys.argv[1]](*sys.argv[2:])
