package org.ocengine.datasets.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The time-domain cadence of {@link SurveyLayout} against the LK-MRS observing rules (Zong et al.
 * 2020), checked with astronomy written independently of the generator's: visits of at most eight
 * 20-minute exposures, on bright nights, outside the summer maintenance, near the meridian, spread
 * over several seasons.
 */
class SurveyLayoutCadenceTest {

    /** Twelve time-domain fields of 60 exposures each, no open-cluster field. */
    static final MockPreset PLATES = new MockPreset("cadence", 2.5, 0, 8, 12, 60, 60, 2500, 0, 1,
            8000, 200, 0.75, 15.0, 300, 4000, 20, 2000, 0.2, 0.08, 0.3);
    /** A new moon (2021-01-13 05:00 UT), MJD: another reference than the generator's. */
    static final double NEW_MOON_2021 = 59227.208;
    static final double SYNODIC_MONTH = 29.530589;
    static final double XINGLONG_EAST_DEG = 117.58;

    @Test
    void visitsFollowTheTimeDomainRules() {
        SurveyLayout layout = SurveyLayout.plan(PLATES, new MockRandom(3));
        assertEquals(12, layout.fields().size());
        for (SurveyLayout.Field f : layout.fields()) {
            double[] t = f.exposureMjd();
            assertEquals(60, t.length);
            List<List<Double>> visits = new ArrayList<>();
            for (int e = 0; e < t.length; e++) {
                if (e == 0 || t[e] - t[e - 1] > 0.5) {
                    visits.add(new ArrayList<>());
                } else {
                    assertEquals(23.0 / 1440, t[e] - t[e - 1], 1e-9, "exposures of a visit 23 min apart");
                }
                visits.get(visits.size() - 1).add(t[e]);
            }
            int shortVisits = 0;
            Set<Integer> seasons = new HashSet<>();
            for (List<Double> v : visits) {
                assertTrue(v.size() <= 8, "at most eight exposures a visit");
                shortVisits += v.size() < 3 ? 1 : 0;
                double mid = (v.get(0) + v.get(v.size() - 1)) / 2;
                double age = mid - NEW_MOON_2021 - SYNODIC_MONTH * Math.floor((mid - NEW_MOON_2021) / SYNODIC_MONTH);
                assertTrue(age > 5.3 && age < 22.7, "bright night (moon age " + age + " d)");
                int month = LocalDate.ofEpochDay((long) Math.floor(mid) - 40587).getMonthValue();
                assertTrue(month < 6 || month > 8, "no visit in June to August");
                for (double x : v) {
                    double hourAngle = hourAngleHours(x, f.ra());
                    assertTrue(Math.abs(hourAngle) < 2.01, "within 2 h of the meridian: " + hourAngle + " h");
                    double localHour = 24 * ((x + XINGLONG_EAST_DEG / 360) % 1.0);
                    assertTrue(localHour > 18.9 || localHour < 5.1, "at night: local time " + localHour + " h");
                }
                seasons.add((int) Math.floor((mid - SurveyLayout.START_MJD) / 365.25));
                assertTrue(mid > SurveyLayout.START_MJD && mid < SurveyLayout.START_MJD + SurveyLayout.SPAN_DAYS);
            }
            assertTrue(shortVisits <= 1, "only the last visit drawn may have fewer than three exposures");
            assertTrue(visits.size() >= 8 && visits.size() <= 20, visits.size() + " visit nights for 60 exposures");
            assertTrue(seasons.size() >= 3, "visits in " + seasons + " of five seasons");
        }
    }

    @Test
    void cadenceIsAPureFunctionOfTheSeed() {
        SurveyLayout a = SurveyLayout.plan(PLATES, new MockRandom(3));
        SurveyLayout b = SurveyLayout.plan(PLATES, new MockRandom(3));
        SurveyLayout c = SurveyLayout.plan(PLATES, new MockRandom(4));
        for (int k = 0; k < a.fields().size(); k++) {
            assertArrayEquals(a.fields().get(k).exposureMjd(), b.fields().get(k).exposureMjd());
        }
        assertTrue(a.fields().get(0).exposureMjd()[0] != c.fields().get(0).exposureMjd()[0]);
    }

    /** Hour angle at Xinglong, hours in [-12, 12): GMST from the IAU 1982 expression in UT1 seconds. */
    private static double hourAngleHours(double mjd, double raDeg) {
        double midnight = Math.floor(mjd);
        double centuries = (midnight - 51544.5) / 36525;
        double gmst0 = 24110.54841 + 8640184.812866 * centuries + 0.093104 * centuries * centuries;
        double seconds = gmst0 + 1.00273790935 * (mjd - midnight) * 86400;
        double lstHours = seconds / 3600 + XINGLONG_EAST_DEG / 15;
        double h = lstHours - raDeg / 15;
        return h - 24 * Math.floor((h + 12) / 24);
    }
}
