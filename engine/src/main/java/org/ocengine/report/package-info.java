/**
 * Figures and a browsable report of a run folder ({@code ocengine report DIR}): per-cluster RV
 * selection (Fu et al. 2022, Fig. 2), Kiel, [Fe/H]-Teff and colour-magnitude diagrams
 * ({@link org.ocengine.report.ClusterFigures}); metallicity gradients against R_GC, L_z and E
 * ({@link org.ocengine.report.GradientFigures}); orbit figures ({@link org.ocengine.report.OrbitFigures});
 * internal uncertainties, completeness and literature comparisons ({@link org.ocengine.report.StarFigures});
 * and an offline {@code index.html} ({@link org.ocengine.report.ReportIndex}). Every figure is a
 * function of named columns found in the run's tables ({@link org.ocengine.report.RunTables}); a figure
 * whose columns are absent is listed in the index as not available, with what it needs. Rendering is
 * headless (XChart, PNG through ImageIO, SVG through VectorGraphics2D). {@link org.ocengine.report.RunReport}
 * chains it all.
 */
package org.ocengine.report;
