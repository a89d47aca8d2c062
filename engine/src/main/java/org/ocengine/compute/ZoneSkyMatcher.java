package org.ocengine.compute;

import java.util.concurrent.ForkJoinPool;

/** PLACEHOLDER: replaced by the zone matcher implementation. */
final class ZoneSkyMatcher {
    ZoneSkyMatcher(ForkJoinPool pool) {
    }

    MatchPairs match(SkyPositions a, SkyPositions b, double radiusArcsec) {
        throw new UnsupportedOperationException("not yet");
    }
}
