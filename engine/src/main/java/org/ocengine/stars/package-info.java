/**
 * Star-level time-domain products (SPEC.md 4, 8, 9; Zong et al. 2020, Qin et al. 2025), stage by stage:
 * <ul>
 *   <li>{@link org.ocengine.stars.RvZeroPoints}: RV zero points of time-domain plates per
 *       (spectrograph, exposure) from common constant stars, with the arc-lamp shift (the published
 *       rule, or our joint least-squares extension for plates of many exposures);</li>
 *   <li>{@link org.ocengine.stars.StarCatalogue}: weighted means (eq. 1-2, through
 *       {@link org.ocengine.combine.RepeatedMeasurements}), RV statistics, the RVV, MP, VMP labels,
 *       the {@link org.ocengine.stars.HighVelocityClassifier} seam, and RV periodograms through the
 *       backend ({@link org.ocengine.compute.GeneralisedLombScargle});</li>
 *   <li>{@link org.ocengine.stars.InternalUncertainties} and {@link org.ocengine.stars.PowerLawFit}:
 *       eq. 3-4, sigma(S/N) = a (S/N)^b + c; {@link org.ocengine.stars.UncertaintyTables} in the
 *       published layout;</li>
 *   <li>{@link org.ocengine.stars.Completeness}: observed fraction of members per G bin;</li>
 *   <li>{@link org.ocengine.stars.CatalogueComparison} and {@link org.ocengine.stars.DifferenceStatistics}:
 *       our clusters or stars against another catalogue.</li>
 * </ul>
 * The run that chains them is {@link org.ocengine.pipeline.StarRun}; the comparison run
 * {@link org.ocengine.pipeline.CompareRun}.
 */
package org.ocengine.stars;
