/**
 * JMH micro-benchmarks of ocengine's CPU hot loops: the sky-match predicate per candidate pair and a
 * whole match, Philox4x64-10 blocks and ziggurat deviates, exact medians, and the grouped
 * Monte-Carlo. Run them with {@code bench/jmh} (see its header); results go to JSON with
 * {@code -rf json -rff FILE}. Every benchmark forks fresh JVMs with the flags Arrow needs and warms up
 * before measuring.
 */
package org.ocengine.bench.jmh;
