#!/usr/bin/env bash
# Regenerates engine/src/test/resources/xmatch/stilts-pairs.properties, the STILTS reference that
# StiltsAgreementTest checks the cross-match against (CI has no STILTS, so the answer is committed).
#
# It compiles the engine's test classes, writes the mock catalogues with MockSkyCatalogues (the
# generator the test runs in memory, bit-identical on every JVM), matches them with
#   stilts tmatch2 matcher=sky params=RADIUS find=all join=1and2
# and records seed, sizes, radius, STILTS' version and pair count, plus every EVERY-th pair (in
# order of A id, then B id) with STILTS' Separation column.
#
# Usage, from anywhere:  engine/src/test/scripts/stilts-xmatch-fixture.sh
# Needs JAVA_HOME on a JDK 21+ (source ~/.ocenv here), Maven with the project's dependencies in the
# local repository (it runs offline), and stilts on the PATH. Environment overrides: SEED, NA, NB,
# RADIUS, EVERY.
set -euo pipefail
SEED=${SEED:-20260501}
NA=${NA:-100000}
NB=${NB:-100000}
RADIUS=${RADIUS:-3.5}
EVERY=${EVERY:-250}

here=$(cd "$(dirname "$0")" && pwd)
engine=$(cd "$here/../../.." && pwd)
root=$(cd "$engine/.." && pwd)
out="$engine/src/test/resources/xmatch/stilts-pairs.properties"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && mvn -B -q -o -pl engine test-compile)
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$engine/target/test-classes:$engine/target/classes" \
    org.ocengine.xmatch.MockSkyCatalogues "$SEED" "$NA" "$NB" "$work"
stilts tmatch2 in1="$work/a.csv" ifmt1=csv in2="$work/b.csv" ifmt2=csv \
    matcher=sky values1='ra dec' values2='ra dec' params="$RADIUS" find=all join=1and2 \
    out="$work/pairs.csv" ofmt=csv
pairs=$(( $(wc -l < "$work/pairs.csv") - 1 ))
stilts tpipe in="$work/pairs.csv" ifmt=csv cmd='sort "id_1 id_2"' cmd="every $EVERY" \
    cmd='keepcols "id_1 id_2 Separation"' out="$work/sample.csv" ofmt=csv-noheader
version=$(stilts -version 2>&1 | sed -n 's/.*STILTS version //p')

mkdir -p "$(dirname "$out")"
{
    echo "# STILTS reference for StiltsAgreementTest. Written by engine/src/test/scripts/stilts-xmatch-fixture.sh;"
    echo "# do not edit. Catalogues: A = MockSkyCatalogues.spectra(seed, a.rows, B), B = .sources(seed, b.rows),"
    echo "# as CSV with columns id,ra,dec. Command: stilts tmatch2 matcher=sky values1='ra dec' values2='ra dec'"
    echo "# params=<radius.arcsec> find=all join=1and2. sample.k = A id, B id, STILTS Separation (arcsec)."
    echo "seed=$SEED"
    echo "a.rows=$NA"
    echo "b.rows=$NB"
    echo "radius.arcsec=$RADIUS"
    echo "stilts.version=$version"
    echo "stilts.pairs=$pairs"
    echo "sample.every=$EVERY"
    k=0
    while IFS=, read -r a b sep; do
        echo "sample.$k=$a,$b,$sep"
        k=$((k + 1))
    done < "$work/sample.csv"
} > "$out"
echo "wrote $out: $pairs pairs"
