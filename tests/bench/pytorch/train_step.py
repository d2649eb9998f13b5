#!/usr/bin/python3
"""One training step of one of the benchmark networks in PyTorch, timed.

The PyTorch side of tests/bench/pytorch/compare.sh, with the networks and steps of
tests/bench/bench_training.cpp, batch norm on every hidden layer, float32:

  paper  784 -> [Linear(100) -> BatchNorm1d -> Sigmoid] x3 -> Linear(10), batch 60, random
         inputs in [0, 1) with random labels 0-9, 60,000 examples (BM_StepB_*)
  toy    2 -> [Linear(64) -> BatchNorm1d -> ReLU] x4 -> Linear(2), batch 64, 4,000 examples
         (BM_StepA_Toy64x4_Batch64_BatchNorm)
  wide   2 -> [Linear(256) -> BatchNorm1d -> ReLU] x4 -> Linear(2), batch 256, 4,000 examples
         (BM_StepC_Toy256x4_Batch256_BatchNorm)

Softmax + cross-entropy on all three. Subnormal floats are flushed to zero, as the core does.

One step = take the next 60 indices of a per-epoch random permutation (like the core's
BatchSampler), index_select the batch from the in-memory data, forward, backward, update.

--optimizer sgd (what compare.sh runs, against BM_StepB_Paper_Sgd) gives plain SGD; adam
matches BM_StepB_Mnist784_100x3_Batch60_Sigmoid_BatchNorm (lr 0.01, betas 0.9/0.999, eps 1e-8).
The hidden Linear layers have no bias by default: with batch norm on, the core keeps the hidden
dense biases out of the trainable parameters (Network::parameters), so they are never updated.

With one thread, "median" is steps per second of this thread's CPU time, like the Google
Benchmark counter steps_per_s (kIsRate divides by the benchmark's CPU time); with more, it is
per wall-clock second, like the benchmarks registered with UseRealTime.
Prints one JSON object on stdout.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
from torch import nn


NETWORKS = {  # inputs, hidden widths, classes, activation, batch, examples
    "paper": (784, [100] * 3, 10, nn.Sigmoid, 60, 60000),
    "toy": (2, [64] * 4, 2, nn.ReLU, 64, 4000),
    "wide": (2, [256] * 4, 2, nn.ReLU, 256, 4000),
}


def build_network(name, hidden_bias):
    inputs, hidden, classes, activation, _, _ = NETWORKS[name]
    layers = []
    width = inputs
    for units in hidden:
        layers += [nn.Linear(width, units, bias=hidden_bias),
                   nn.BatchNorm1d(units, eps=1e-5, momentum=0.1),
                   activation()]
        width = units
    layers.append(nn.Linear(width, classes))
    network = nn.Sequential(*layers)
    # Gaussian initialisation like the bench's InitKind::Gaussian (the values do not matter
    # for speed; this only keeps the sigmoid units away from saturation).
    with torch.no_grad():
        for module in network:
            if isinstance(module, nn.Linear):
                module.weight.normal_(0.0, 1.0 / module.in_features ** 0.5)
                if module.bias is not None:
                    module.bias.zero_()
    return network


def build_optimizer(kind, parameters, lr):
    if kind == "adam":
        return torch.optim.Adam(parameters, lr=lr, betas=(0.9, 0.999), eps=1e-8)
    return torch.optim.SGD(parameters, lr=lr)


class Sampler:
    """Consecutive slices of a fresh random permutation each epoch; a batch never spans two."""

    def __init__(self, examples, batch, generator):
        self.examples, self.batch, self.generator = examples, batch, generator
        self.position = examples  # start a new epoch on the first call

    def next(self):
        if self.position + self.batch > self.examples:
            self.order = torch.randperm(self.examples, generator=self.generator)
            self.position = 0
        indices = self.order[self.position:self.position + self.batch]
        self.position += self.batch
        return indices


def loaded_blas():
    """The BLAS library this process actually mapped (Debian's torch links libblas.so.3, which is
    the slow reference BLAS unless an optimized one such as OpenBLAS provides it)."""
    found = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path)
                if "blas" in name or "blis" in name or "mkl_core" in name:
                    found.add(os.path.realpath(path))
    except OSError:
        return "unknown"
    return ", ".join(sorted(found)) or "none mapped"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--network", choices=sorted(NETWORKS), default="paper")
    parser.add_argument("--threads", type=int, default=1,
                        help="intra-op threads (default 1); rates are per wall-clock second "
                             "when more than one")
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    parser.add_argument("--lr", type=float, default=None,
                        help="learning rate (default 0.01 for adam, 0.5 for sgd)")
    parser.add_argument("--hidden-bias", action="store_true",
                        help="give the hidden Linear layers a (trained) bias")
    parser.add_argument("--seconds", type=float, default=3.0,
                        help="approximate CPU seconds per repetition (default 3)")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=200, help="untimed steps first")
    args = parser.parse_args()
    lr = args.lr if args.lr is not None else (0.01 if args.optimizer == "adam" else 0.5)

    inputs, _, classes, _, batch, examples = NETWORKS[args.network]
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.set_flush_denormal(True)
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(1)

    features = torch.rand(examples, inputs, generator=generator, dtype=torch.float32)
    labels = torch.randint(0, classes, (examples,), generator=generator, dtype=torch.int64)
    network = build_network(args.network, args.hidden_bias)
    network.train()
    optimizer = build_optimizer(args.optimizer, network.parameters(), lr)
    loss_function = nn.CrossEntropyLoss()
    sampler = Sampler(examples, batch, generator)

    def step():
        indices = sampler.next()
        x = features.index_select(0, indices)
        y = labels.index_select(0, indices)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_function(network(x), y)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(args.warmup):
        step()

    # Size one repetition from a short calibration run.
    calibration = max(50, args.warmup)
    clock = time.thread_time if args.threads == 1 else time.perf_counter
    start = clock()
    for _ in range(calibration):
        step()
    per_step = max((clock() - start) / calibration, 1e-7)
    steps = max(100, int(args.seconds / per_step))

    cpu_rates, wall_rates = [], []
    for _ in range(args.repetitions):
        wall0, cpu0 = time.perf_counter(), time.thread_time()
        for _ in range(steps):
            loss = step()
        float(loss)  # the last step has finished (CPU tensors are synchronous anyway)
        cpu, wall = time.thread_time() - cpu0, time.perf_counter() - wall0
        cpu_rates.append(steps / cpu)
        wall_rates.append(steps / wall)

    rates = cpu_rates if args.threads == 1 else wall_rates
    print(json.dumps({
        "network": args.network,
        "steps_per_s": [round(r, 1) for r in cpu_rates],
        "median": round(statistics.median(rates), 1),
        "median_is": "thread CPU time" if args.threads == 1 else "wall-clock time",
        "wall_steps_per_s": [round(r, 1) for r in wall_rates],
        "wall_median": round(statistics.median(wall_rates), 1),
        "steps_per_repetition": steps,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "optimizer": args.optimizer,
        "lr": lr,
        "examples": examples,
        "batch": batch,
        "hidden_bias": args.hidden_bias,
        "blas": loaded_blas(),
        "python": sys.version.split()[0],
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
    }))


if __name__ == "__main__":
    main()
