#!/usr/bin/env bash
# Training steps/s of the paper network (784 → 100×3 → 10, sigmoid, batch norm, batch 60,
# float32, one thread, plain SGD as in the paper): our BM_StepB_Paper_Sgd against the same
# network and step in Debian's PyTorch (train_step.py), measured back to back. Target: ≥ 4×.
# Not part of `scripts/dev test`. See README.md in this folder.
#
# Environment (all optional):
#   ROUNDS=2              back-to-back rounds (ours, then PyTorch), each reported
#   BNLAB_BENCH=path      an existing bnlab_bench binary (default: build-release's, built if missing)
#   TORCH_LIBRARY_PATH=d  prepended to LD_LIBRARY_PATH for the PyTorch run only, e.g. a folder
#                         holding OpenBLAS's libblas.so.3 (Debian's torch otherwise loads whatever
#                         libblas.so.3 is installed, by default the slow reference BLAS)
#   TORCH_ARGS="..."      extra train_step.py arguments (e.g. "--seconds 5")
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
python=/usr/bin/python3
rounds="${ROUNDS:-2}"
target=4
filter='^BM_StepB_Paper_Sgd'

if [[ ! -x "$python" ]]; then
  echo "error: $python not found. Install Debian's Python and PyTorch: apt-get install python3-torch" >&2
  exit 1
fi
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "error: $python cannot import torch. Install Debian's PyTorch: apt-get install python3-torch" >&2
  echo "       (use Debian's /usr/bin/python3; a pyenv/venv python3 on PATH does not see it)" >&2
  exit 1
fi

bench="${BNLAB_BENCH:-$repo/build-release/tests/bench/bnlab_bench}"
if [[ ! -x "$bench" ]]; then
  if [[ -n "${BNLAB_BENCH:-}" ]]; then
    echo "error: BNLAB_BENCH=$bench is not an executable" >&2
    exit 1
  fi
  echo "== building the release benchmark (cmake --preset release) ==" >&2
  (cd "$repo" && cmake --preset release >&2 && cmake --build --preset release --target bnlab_bench >&2)
fi
if [[ ! -x "$bench" ]]; then
  echo "error: $bench was not built (is Google Benchmark installed? libbenchmark-dev)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

ours_median() {  # median steps_per_s of 5 repetitions
  "$bench" --benchmark_filter="$filter" --benchmark_repetitions=5 \
    --benchmark_report_aggregates_only=true --benchmark_format=json >"$1" 2>"$tmp/bench.err" || {
    cat "$tmp/bench.err" >&2
    echo "error: $bench failed" >&2
    exit 1
  }
  "$python" - "$1" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
median = [r for r in runs if r.get("aggregate_name") == "median"]
if not median:
    sys.exit("error: no median of BM_StepB in the benchmark output")
print(f'{median[0]["steps_per_s"]:.1f}')
EOF
}

torch_run() {
  # shellcheck disable=SC2086  # TORCH_ARGS is split on purpose
  env OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    LD_LIBRARY_PATH="${TORCH_LIBRARY_PATH:+$TORCH_LIBRARY_PATH${LD_LIBRARY_PATH:+:}}${LD_LIBRARY_PATH:-}" \
    "$python" "$here/train_step.py" --optimizer sgd --lr 0.1 ${TORCH_ARGS:-} >"$1"
  "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["median"])' "$1"
}

echo "ours:    $bench ($filter, 5 repetitions, median)"
echo "PyTorch: $python $here/train_step.py${TORCH_ARGS:+ $TORCH_ARGS} (median of its repetitions, 5 by default)"
echo

declare -a ours_list torch_list
for ((round = 1; round <= rounds; ++round)); do
  echo "round $round/$rounds: ours …" >&2
  ours_list+=("$(ours_median "$tmp/ours$round.json")")
  echo "round $round/$rounds: PyTorch …" >&2
  torch_list+=("$(torch_run "$tmp/torch$round.json")")
done

"$python" - "$tmp/torch1.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
print(f'PyTorch {t["torch"]}, {t["threads"]} thread(s), optimizer {t["optimizer"]} (lr {t["lr"]}), '
      f'{t["examples"]} examples, batch {t["batch"]}')
print(f'PyTorch BLAS: {t["blas"]}')
EOF
echo
printf '%-6s %14s %14s %8s  %s\n' round "ours steps/s" "torch steps/s" ratio "≥ ${target}×"
status=0
for ((i = 0; i < rounds; ++i)); do
  read -r ratio ok < <("$python" -c '
import sys
ours, torch, target = map(float, sys.argv[1:])
ratio = ours / torch
print(f"{ratio:.2f}", "yes" if ratio >= target else "NO")' "${ours_list[i]}" "${torch_list[i]}" "$target")
  printf '%-6s %14s %14s %7s×  %s\n' "$((i + 1))" "${ours_list[i]}" "${torch_list[i]}" "$ratio" "$ok"
  [[ "$ok" == yes ]] || status=2
done
echo
echo "per-repetition PyTorch steps/s (thread CPU time):"
for ((i = 1; i <= rounds; ++i)); do
  "$python" -c 'import json, sys; t = json.load(open(sys.argv[1])); print("  round", sys.argv[2], t["steps_per_s"])' \
    "$tmp/torch$i.json" "$i"
done
if ((status != 0)); then
  echo "target of ${target}× PyTorch NOT met in every round" >&2
fi
exit "$status"
