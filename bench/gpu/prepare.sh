#!/usr/bin/env bash
# Prepares what one call to the lent GPU machine needs (run it here, from anywhere in the
# repository): the shaded jar and a jlink'ed Java runtime with the JVM flags baked in, both in
# .device/ (git-ignored, so they travel only when the call carries them). Then make the call as
# bench/gpu/README.md says. MVN_OFFLINE= (empty) lets Maven go online if it must.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
scripts/with-jdk mvn -B -q ${MVN_OFFLINE--o} -DskipTests -pl cli -am package
mkdir -p .device
../shared/gpu/pack-runtime.sh .device
cp cli/target/ocengine.jar .device/ocengine.jar
du -ch .device/* | tail -n 1
echo "prepare: now call the device tool with carry [\".device\"] and command: bash bench/gpu/run-on-device.sh"
