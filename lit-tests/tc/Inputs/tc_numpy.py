"""tc_numpy.py gen NAME DIR SEED | check NAME DIR RESULT.npy

The examples of examples/tc/ in numpy: `gen` writes the inputs of example
NAME (in0.npy, in1.npy, ...; seeded, float32), `check` computes NAME with
numpy from them and compares RESULT.npy with it (rtol 1e-4, atol 1e-5)."""
import os
import sys

import numpy as np


def conv2d(x, k):
    n, c, h, w = x.shape
    f, _, kh, kw = k.shape
    out = np.zeros((n, f, h - kh + 1, w - kw + 1), np.float64)
    for i in range(kh):
        for j in range(kw):
            window = x[:, :, i:i + out.shape[2], j:j + out.shape[3]]
            out += np.einsum("nchw,fc->nfhw", window, k[:, :, i, j])
    return out


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def depthwise(x, w):
    # stride 2, zero padding 1
    n, h, wd, c = x.shape
    kh, kw, _ = w.shape
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    oh, ow = (h + 2 - kh) // 2 + 1, (wd + 2 - kw) // 2 + 1
    out = np.zeros((n, oh, ow, c))
    for i in range(kh):
        for j in range(kw):
            out += xp[:, i:i + 2 * oh:2, j:j + 2 * ow:2, :] * w[i, j]
    return out


def windows(x, size, stride):
    n, c, h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    return np.stack([x[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
                     for i in range(size) for j in range(size)])


def attention(q, k, v, scale):
    s = np.einsum("bie,bje->bij", q, k) * scale
    mask = np.tril(np.ones(s.shape[1:], bool))
    s = np.where(mask, s, -1e30)
    return np.einsum("bij,bje->bie", softmax(s), v)


def layernorm(x, gamma, beta, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


EXAMPLES = {
    # name: (input shapes, numpy function)
    "convmatmul": ([(2, 3, 32, 32), (16, 3, 3, 3), (2, 30, 16, 8)],
                   lambda x, k, r: np.einsum("nyxf,nyfm->nyxm", conv2d(x, k).transpose(0, 2, 3, 1), r)),
    "matmul": ([(33, 20), (20, 47)], lambda a, b: a @ b),
    "batch_matmul": ([(3, 16, 8), (3, 8, 24)], lambda a, b: a @ b),
    "softmax": ([(5, 37)], softmax),
    "layernorm": ([(4, 32), (32,), (32,), ()], layernorm),
    "attention": ([(2, 8, 16), (2, 8, 16), (2, 8, 16), ()], attention),
    "depthwise": ([(2, 15, 16, 8), (3, 3, 8)], depthwise),
    "maxpool": ([(2, 3, 9, 8)], lambda x: windows(x, 2, 2).max(axis=0)),
    "avgpool": ([(2, 3, 9, 8)], lambda x: windows(x, 3, 1).mean(axis=0)),
    "einsum": ([(2, 4, 3, 5), (3, 5, 6)], lambda x, y: np.einsum("bikl,klj->bij", x, y)),
}


def main():
    command, name, directory = sys.argv[1:4]
    shapes, reference = EXAMPLES[name]
    paths = [os.path.join(directory, f"in{i}.npy") for i in range(len(shapes))]
    if command == "gen":
        rng = np.random.default_rng(int(sys.argv[4]))
        for path, shape in zip(paths, shapes):
            value = rng.uniform(-1, 1, shape) if shape else np.float64(0.01)
            np.save(path, np.asarray(value, np.float32))
        print(" ".join(f"--input {p}" for p in paths))
        return
    inputs = [np.load(p).astype(np.float64) for p in paths]
    want = reference(*inputs)
    got = np.load(sys.argv[4])
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    print(f"{name}: matches numpy, shape {got.shape}")


main()
