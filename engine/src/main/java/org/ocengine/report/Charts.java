package org.ocengine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ocengine.io.AtomicFile;

/**
 * The house style of the report's figures (size, fonts, colours) and their atomic writing as PNG
 * and, when asked, SVG. Loading this class makes AWT headless first. Stateless and thread-safe:
 * each figure is its own chart object.
 */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Figure size in pixels. */
    static final int WIDTH = 900;
    static final int HEIGHT = 650;

    /** Colours that stay apart for readers with common colour-vision deficiencies (Okabe-Ito). */
    static final List<Color> PALETTE = List.of(new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120),
            new Color(240, 228, 66));
    static final Color DARK_GREY = new Color(70, 70, 70);
    static final Color LIGHT_GREY = new Color(185, 185, 185);
    static final Color BLUE = new Color(0, 90, 200);

    private Charts() {
    }

    /** An XY chart in the house style: title, axis titles (with units), legend inside the plot. */
    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var s = chart.getStyler();
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 215));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(232, 232, 232));
        s.setChartTitleBoxVisible(false);
        s.setMarkerSize(7);
        s.setAntiAlias(true);
        s.setPlotMargin(8);
        s.setChartPadding(12);
        return chart;
    }

    /**
     * Draws the x axis reversed (larger values on the left), as astronomers draw Teff: the chart's
     * data are the negated values and the tick labels negate them back.
     */
    static void reverseX(XYChart chart, String pattern) {
        chart.getStyler().setxAxisTickLabelsFormattingFunction(label(pattern));
    }

    /** Draws the y axis reversed (magnitudes, logg); see {@link #reverseX}. */
    static void reverseY(XYChart chart, String pattern) {
        chart.getStyler().setyAxisTickLabelsFormattingFunction(label(pattern));
    }

    private static Function<Double, String> label(String pattern) {
        java.text.DecimalFormat format = new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return v -> {
            double x = -v;
            return format.format(x == 0 ? 0.0 : x);
        };
    }

    /** Negated copy, for a reversed axis. */
    static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    /** A scatter series of filled circles. */
    static XYSeries scatter(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        return s;
    }

    /** A line series without markers. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour, float width, boolean dashed) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f)
                : new BasicStroke(width));
        return s;
    }

    /** Formats a number with a fixed count of decimals, in the ROOT locale. */
    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Rows of {@code keep} that are true and whose values are all finite. */
    static int[] finiteRows(boolean[] keep, double[]... columns) {
        List<Integer> rows = new ArrayList<>();
        outer:
        for (int i = 0; i < keep.length; i++) {
            if (!keep[i]) {
                continue;
            }
            for (double[] c : columns) {
                if (!Double.isFinite(c[i])) {
                    continue outer;
                }
            }
            rows.add(i);
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The values of {@code v} at {@code rows}. */
    static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = v[rows[k]];
        }
        return out;
    }

    /**
     * Writes the chart as {@code <base>.png} (and {@code .svg} when asked) in {@code dir}, each file
     * under a temporary name first and renamed into place; returns the files written.
     */
    static List<Path> save(XYChart chart, Path dir, String base, List<String> formats) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (String format : formats) {
            Path target = dir.resolve(base + "." + format);
            AtomicFile.write(target, out -> {
                switch (format) {
                    case "png" -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                    case "svg" -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                    default -> throw new IllegalArgumentException("figure format must be png or svg, not " + format);
                }
            });
            files.add(target);
        }
        return files;
    }
}
