#!/usr/bin/env bash
# Runs ON the lent GPU machine, from the repository root, with .device/ carried (see prepare.sh):
# unpacks the Java runtime (the machine has no Java), records the GPU, then runs
#   ocengine device                          -> $OUT/device.txt
#   ocengine check --device cuda             -> $OUT/check.json, $OUT/check.log   (full scale)
# and one benchmark part (one call each: the tool allows 10 minutes per call):
#   no argument (issue 5):  ocengine bench device --part sky-mc  -> $OUT/bench-device.json, .log
#   mcmc (issue 8):         ocengine bench device --part mcmc    -> $OUT/bench-mcmc.json, .log
#   orbits (issue 8):       ocengine bench device --part orbits  -> $OUT/bench-orbits.json, .log
# Each step has its own time limit so that the earlier results come back even if a later one runs
# long; the whole script stays inside the tool's 10 minutes. Prints a short summary last.
set -uo pipefail
out=${OUT:?OUT must name the folder whose files come back}
part=${1:-sky-mc}
case $part in
  sky-mc) bench=bench-device ;;
  mcmc) bench=bench-mcmc ;;
  orbits) bench=bench-orbits ;;
  *) echo "run-on-device: unknown part '$part' (sky-mc, mcmc or orbits)"; exit 2 ;;
esac
jre=/tmp/ocengine-jre
mkdir -p "$jre"
tar -xJf .device/jre.tar.xz -C "$jre" || { echo "run-on-device: no runtime in .device (run bench/gpu/prepare.sh first)"; exit 2; }
ocengine=("$jre/bin/java" -Xmx100g -jar .device/ocengine.jar)

{
  date -u +%Y-%m-%dT%H:%M:%SZ
  nvidia-smi -L
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem,pcie.link.gen.max,pcie.link.width.max --format=csv
  nproc
  free -g | head -n 2
} > "$out/machine.txt" 2>&1

timeout 60 "${ocengine[@]}" device > "$out/device.txt" 2>&1
device_rc=$?
timeout 200 "${ocengine[@]}" check --device cuda --out "$out/check.json" > "$out/check.log" 2>&1
check_rc=$?
timeout 300 "${ocengine[@]}" bench device --part "$part" --json "$out/$bench.json" > "$out/$bench.log" 2>&1
bench_rc=$?

echo "== machine"; cat "$out/machine.txt"
echo "== device (exit $device_rc)"; cat "$out/device.txt"
echo "== check (exit $check_rc; 0 = agree, 1 = disagree, 124 = time limit)"; grep -E '^(FAIL|GPU and CPU)' "$out/check.log" | tail -n 20
echo "== $bench (exit $bench_rc)"; tail -n 4 "$out/$bench.log"
