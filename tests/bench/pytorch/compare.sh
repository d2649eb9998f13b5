#!/usr/bin/env bash
# Training steps/s of the three benchmark networks, batch norm on, against the same networks and
# steps in Debian's PyTorch on OpenBLAS (train_step.py), in interleaved rounds, one thread and two:
#   toy    2 → 64×4 → 2, batch 64, Adam          BM_StepA_Toy64x4_Batch64_BatchNorm
#   paper  784 → 100×3 → 10 sigmoid, batch 60, SGD  BM_StepB_Paper_Sgd
#   wide   2 → 256×4 → 2, batch 256, Adam        BM_StepC_Toy256x4_Batch256_BatchNorm
# Prints the medians over rounds, their ratio, the GFLOP/s of the matrix products a step needs
# and their fraction of the measured FMA peak (BM_FmaPeak512 in bnlab_bench_products: per core,
# times the threads). Not part of `scripts/dev test`; see README.md in this folder.
#
# Environment (all optional):
#   ROUNDS=3           interleaved rounds (bnlab, then PyTorch, for each network and thread count)
#   NETWORKS="toy paper wide"   THREADS="1 2"
#   BNLAB_BENCH=dir    a folder holding bnlab_bench and bnlab_bench_products (default:
#                      build-release/tests/bench, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
python=/usr/bin/python3
rounds="${ROUNDS:-3}"
networks="${NETWORKS:-toy paper wide}"
thread_counts="${THREADS:-1 2}"

as_root() { if ((EUID == 0)); then "$@"; else sudo "$@"; fi; }

if [[ ! -x "$python" ]] || ! "$python" -c 'import torch' 2>/dev/null; then
  echo "== installing Debian's PyTorch (python3-torch) ==" >&2
  as_root apt-get install -y python3-torch >&2
fi
# Debian's torch does its products through libblas.so.3: OpenBLAS when this package is there,
# the reference BLAS otherwise (no anchor).
if ! dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'ok installed'; then
  echo "== installing libopenblas0-pthread (PyTorch's BLAS) ==" >&2
  as_root apt-get install -y libopenblas0-pthread >&2
fi

bench_dir="${BNLAB_BENCH:-$repo/build-release/tests/bench}"
if [[ ! -x "$bench_dir/bnlab_bench" || ! -x "$bench_dir/bnlab_bench_products" ]]; then
  if [[ -n "${BNLAB_BENCH:-}" ]]; then
    echo "error: $bench_dir has no bnlab_bench and bnlab_bench_products" >&2
    exit 1
  fi
  echo "== building the release benchmarks (cmake --preset release) ==" >&2
  (cd "$repo" && cmake --preset release >&2 &&
    cmake --build --preset release --target bnlab_bench bnlab_bench_products >&2)
fi
if [[ ! -x "$bench_dir/bnlab_bench" ]]; then
  echo "error: $bench_dir/bnlab_bench was not built (is Google Benchmark installed? libbenchmark-dev)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

benchmark_name() {  # network threads
  local base
  case "$1" in
    toy) base=BM_StepA_Toy64x4_Batch64_BatchNorm ;;
    paper) base=BM_StepB_Paper_Sgd ;;
    wide) base=BM_StepC_Toy256x4_Batch256_BatchNorm ;;
    *) echo "error: unknown network '$1' (toy, paper, wide)" >&2; exit 1 ;;
  esac
  echo "^$base/$2/"  # then min_time, and real_time for two threads
}

torch_options() {  # network
  case "$1" in
    paper) echo "--network paper --optimizer sgd --lr 0.1" ;;
    *) echo "--network $1 --optimizer adam --lr 0.01" ;;
  esac
}

median_of() {  # benchmark JSON, counter → the median aggregate's value
  "$python" - "$1" "$2" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
median = [r for r in runs if r.get("aggregate_name") == "median"]
if not median:
    sys.exit("error: no median in the benchmark output")
print(f'{median[0][sys.argv[2]]:.1f}')
EOF
}

ours() {  # network threads output.json → steps/s
  local name
  name="$(benchmark_name "$1" "$2")"
  "$bench_dir/bnlab_bench" --benchmark_filter="$name" --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true --benchmark_format=json >"$3" 2>"$tmp/bench.err" || {
    cat "$tmp/bench.err" >&2
    echo "error: bnlab_bench failed" >&2
    exit 1
  }
  median_of "$3" steps_per_s
}

theirs() {  # network threads output.json → steps/s
  # shellcheck disable=SC2046  # the options are split on purpose
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$2" OMP_NUM_THREADS="$2" \
    MKL_NUM_THREADS="$2" "$python" "$here/train_step.py" $(torch_options "$1") --threads "$2" \
    --seconds 2 --repetitions 3 >"$3"
  "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["median"])' "$3"
}

echo "== the FMA peak of one core ==" >&2
"$bench_dir/bnlab_bench_products" --benchmark_filter='^BM_FmaPeak' --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$tmp/peak.json"
peak="$("$python" - "$tmp/peak.json" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
print(max(r["GFLOPs"] for r in runs if r.get("aggregate_name") == "median") / 1e9)
EOF
)"

results="$tmp/results.txt"  # round network threads ours theirs
for ((round = 1; round <= rounds; ++round)); do
  for network in $networks; do
    for threads in $thread_counts; do
      echo "round $round/$rounds: $network, $threads thread(s): bnlab …" >&2
      a="$(ours "$network" "$threads" "$tmp/ours.json")"
      echo "round $round/$rounds: $network, $threads thread(s): PyTorch …" >&2
      b="$(theirs "$network" "$threads" "$tmp/torch-$network.json")"
      echo "$round $network $threads $a $b" >>"$results"
    done
  done
done

first_torch="$(ls "$tmp"/torch-*.json | head -n 1)"
"$python" - "$first_torch" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
print(f'PyTorch {t["torch"]}, Python {t["python"]}; BLAS: {t["blas"]}')
EOF
"$python" - "$results" "$peak" "$rounds" <<'EOF'
import statistics, sys
from collections import defaultdict
rows = defaultdict(lambda: ([], []))
for line in open(sys.argv[1]):
    _, network, threads, ours, theirs = line.split()
    rows[(network, int(threads))][0].append(float(ours))
    rows[(network, int(threads))][1].append(float(theirs))
peak, rounds = float(sys.argv[2]), int(sys.argv[3])
# inputs, hidden widths, classes, batch: the products of one step are, for every dense layer
# (n_in → n_out), Z = W·A, ∂W = ∂Z·Aᵀ and, but for the first, ∂A = Wᵀ·∂Z: 2·n_in·n_out·batch each.
shapes = {"toy": (2, [64] * 4, 2, 64), "paper": (784, [100] * 3, 10, 60),
          "wide": (2, [256] * 4, 2, 256)}
def step_flops(network):
    inputs, hidden, classes, batch = shapes[network]
    sizes = [inputs] + hidden + [classes]
    return sum(2 * a * b * batch * (2 if l == 0 else 3)
               for l, (a, b) in enumerate(zip(sizes, sizes[1:])))
print(f"\nmedians of {rounds} interleaved round(s); FMA peak {peak:.0f} GFLOP/s a core "
      "(512-bit vectors)\n")
print("| network | threads | bnlab steps/s | PyTorch steps/s | ratio | bnlab GFLOP/s | of peak |")
print("|---|---|---|---|---|---|---|")
for (network, threads), (ours, theirs) in rows.items():
    a, b = statistics.median(ours), statistics.median(theirs)
    gflops = a * step_flops(network) / 1e9
    print(f"| {network} | {threads} | {a:,.0f} | {b:,.0f} | {a / b:.2f}× | {gflops:.0f} "
          f"| {gflops / (peak * threads):.0%} |")
print("\nper round, bnlab / PyTorch steps/s:")
for (network, threads), (ours, theirs) in rows.items():
    pairs = ", ".join(f"{x:,.0f} / {y:,.0f}" for x, y in zip(ours, theirs))
    print(f"  {network}, {threads} thread(s): {pairs}")
EOF
