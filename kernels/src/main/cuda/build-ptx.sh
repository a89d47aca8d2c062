#!/usr/bin/env bash
# Compiles the CUDA C kernels (*.cu here) to PTX with nvcc and checks every PTX file with ptxas:
# PTX for sm_90 (Hopper: H100, H200) and for compute_75 (any GPU from Turing on, compiled by the
# driver when loaded). Run by the kernels module's Maven build (generate-resources) as
#   build-ptx.sh SOURCE_DIR OUTPUT_DIR
# It writes OUTPUT_DIR/<target>/<name>.ptx and OUTPUT_DIR/ptx.properties (what was built, by which
# nvcc, with which flags). Without nvcc it succeeds and writes only ptx.properties with
# status=unavailable and the reason, which the CUDA backend reports when asked to open.
# OCENGINE_NVCC=/path/to/nvcc chooses the compiler; OCENGINE_NVCC=none builds as if there were none.
# -fmad=false: no fused multiply-add contraction, so device arithmetic rounds as Java's does.
set -euo pipefail
src=${1:?usage: build-ptx.sh SOURCE_DIR OUTPUT_DIR}
out=${2:?usage: build-ptx.sh SOURCE_DIR OUTPUT_DIR}
targets=(sm_90 compute_75)
flags=(-std=c++17 -O3 -fmad=false -lineinfo)
mkdir -p "$out"
manifest=$out/ptx.properties

nvcc=""
candidates=("${CUDA_HOME:+$CUDA_HOME/bin/nvcc}" "$(command -v nvcc || true)" /usr/local/cuda/bin/nvcc)
[[ -n ${OCENGINE_NVCC:-} ]] && candidates=("$OCENGINE_NVCC")
for candidate in "${candidates[@]}"; do
  if [[ -n $candidate && -x $candidate ]]; then
    nvcc=$candidate
    break
  fi
done
if [[ -z $nvcc ]]; then
  rm -rf "${out:?}"/sm_* "${out:?}"/compute_*
  printf 'status=unavailable\nreason=the kernels module was built without the CUDA compiler (nvcc not found on PATH, in CUDA_HOME or /usr/local/cuda), so it carries no PTX\n' > "$manifest"
  echo "build-ptx: nvcc not found; the CUDA backend will report itself unavailable" >&2
  exit 0
fi
ptxas=$(dirname "$nvcc")/ptxas
[[ -x $ptxas ]] || ptxas=$(command -v ptxas)

sources=("$src"/*.cu)
# up to date when every PTX file and the manifest are newer than every source, header and this script
if [[ -f $manifest ]] && grep -q '^status=available' "$manifest"; then
  stale=0
  for target in "${targets[@]}"; do
    for cu in "${sources[@]}"; do
      ptx=$out/$target/$(basename "${cu%.cu}").ptx
      if [[ ! -f $ptx ]] || [[ -n $(find "$src" -newer "$ptx" \( -name '*.cu' -o -name '*.cuh' -o -name '*.sh' \) -print -quit) ]]; then
        stale=1
      fi
    done
  done
  if [[ $stale == 0 ]]; then
    exit 0
  fi
fi

version=$("$nvcc" --version | grep -o 'release .*' || "$nvcc" --version | tail -n 1)
modules=()
for target in "${targets[@]}"; do
  mkdir -p "$out/$target"
  check=${target/compute_/sm_}
  for cu in "${sources[@]}"; do
    name=$(basename "${cu%.cu}")
    "$nvcc" -ptx -arch="$target" "${flags[@]}" -I "$src" -o "$out/$target/$name.ptx" "$cu"
    "$ptxas" -arch="$check" -o /dev/null "$out/$target/$name.ptx"
    [[ $target == "${targets[0]}" ]] && modules+=("$name")
  done
done
{
  echo "status=available"
  echo "targets=$(IFS=,; echo "${targets[*]}")"
  echo "modules=$(IFS=,; echo "${modules[*]}")"
  echo "nvcc=$version"
  echo "flags=${flags[*]}"
} > "$manifest"
echo "build-ptx: ${#modules[@]} modules x ${#targets[@]} targets compiled and checked with ptxas ($version)" >&2
