package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.Html.xy;

import dev.seqguard.eval.metrics.CurvePoint;
import dev.seqguard.eval.metrics.Quantiles;
import dev.seqguard.eval.report.ReportModel.CurveSeries;
import dev.seqguard.eval.report.ReportModel.ScoreHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-written inline SVG charts: no script, no external resource, readable when printed. */
final class SvgCharts {
    /** Curves drawn per chart: more lines than this is spaghetti. */
    static final int MAX_CURVES = 6;

    private SvgCharts() {
    }

    /** An SVG chart and its HTML legend. */
    record Chart(String svg, String legend) {
    }

    /** The series to draw: the selected one and the first others, selected drawn last (on top). */
    static List<CurveSeries> pickSeries(List<CurveSeries> all) {
        List<CurveSeries> out = new ArrayList<>();
        CurveSeries selected = null;
        for (CurveSeries s : all) {
            if (s.selected() && selected == null) {
                selected = s;
            } else if (out.size() < MAX_CURVES - 1) {
                out.add(s);
            }
        }
        if (selected != null) {
            out.add(selected);
        }
        return out;
    }

    /**
     * ROC (straight segments between tie blocks) or PR (steps whose area is average precision) chart on the unit
     * square, with the chance line.
     */
    static Chart curves(List<CurveSeries> all, boolean pr, double anomalyShare) {
        Frame f = new Frame(440, 380, 56, 18, 22, 52);
        StringBuilder svg = new StringBuilder();
        String name = pr ? "Precision-recall curves" : "ROC curves";
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(f.width).append(' ').append(f.height)
                .append("\" role=\"img\" aria-label=\"").append(name).append("\">");
        f.grid(svg, 0, 1, 0.2, 0, 1, 0.2, false);
        f.axisLabels(svg, pr ? "Recall" : "False-positive rate", pr ? "Precision" : "True-positive rate");
        if (!pr) {
            svg.append("<line class=\"chance\" x1=\"").append(xy(f.x(0))).append("\" y1=\"").append(xy(f.y(0)))
                    .append("\" x2=\"").append(xy(f.x(1))).append("\" y2=\"").append(xy(f.y(1))).append("\"/>");
        } else if (!Double.isNaN(anomalyShare)) {
            svg.append("<line class=\"chance\" x1=\"").append(xy(f.x(0))).append("\" y1=\"")
                    .append(xy(f.y(anomalyShare))).append("\" x2=\"").append(xy(f.x(1))).append("\" y2=\"")
                    .append(xy(f.y(anomalyShare))).append("\"/>");
        }
        StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
        List<CurveSeries> series = pickSeries(all);
        int other = 0;
        for (CurveSeries s : series) {
            String colour = s.selected() ? Palette.SELECTED : Palette.other(other);
            String dash = s.selected() ? "" : Palette.dash(other);
            if (!s.selected()) {
                other++;
            }
            String path = pr ? stepPath(s.points(), f) : linePath(s.points(), f);
            svg.append("<path class=\"").append(s.selected() ? "curve sel" : "curve").append("\" d=\"").append(path)
                    .append("\" stroke=\"").append(colour).append('"');
            if (!dash.isEmpty()) {
                svg.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            svg.append("><title>").append(esc(s.detector())).append(areaText(s.area(), pr)).append("</title></path>");
            legend.append("<li").append(s.selected() ? " class=\"sel\"" : "").append(">")
                    .append(swatch(colour, dash, s.selected())).append("<span>").append(esc(s.detector()))
                    .append("</span>");
            if (!Double.isNaN(s.area())) {
                legend.append(" <span class=\"num\">").append(Html.num(s.area())).append("</span>");
            }
            if (s.selected()) {
                legend.append(" <span class=\"badge\">selected</span>");
            }
            legend.append("</li>");
        }
        legend.append("<li class=\"muted\">").append(swatch("#8a93a6", "4 4", false))
                .append(pr ? "chance (anomaly share)" : "chance").append("</li></ul>");
        svg.append("</svg>");
        return new Chart(svg.toString(), legend.toString());
    }

    private static String areaText(double area, boolean pr) {
        return Double.isNaN(area) ? "" : (pr ? ", average precision " : ", ROC-AUC ") + Html.num(area);
    }

    private static String swatch(String colour, String dash, boolean thick) {
        return "<svg class=\"sw\" viewBox=\"0 0 28 10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"27\" y2=\"5\""
                + " stroke=\"" + colour + "\" stroke-width=\"" + (thick ? 3.5 : 2) + "\""
                + (dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"") + "/></svg>";
    }

    private static String linePath(List<CurvePoint> points, Frame f) {
        StringBuilder d = new StringBuilder();
        for (CurvePoint p : points) {
            d.append(d.length() == 0 ? 'M' : 'L').append(xy(f.x(p.x()))).append(',').append(xy(f.y(p.y())));
        }
        return d.toString();
    }

    private static String stepPath(List<CurvePoint> points, Frame f) {
        if (points.isEmpty()) {
            return "";
        }
        StringBuilder d = new StringBuilder("M").append(xy(f.x(0))).append(',').append(xy(f.y(points.get(0).y())));
        for (int i = 0; i < points.size(); i++) {
            d.append('H').append(xy(f.x(points.get(i).x())));
            if (i + 1 < points.size()) {
                d.append('V').append(xy(f.y(points.get(i + 1).y())));
            }
        }
        return d.toString();
    }

    /** The bins of a histogram and what fell in them. */
    record Bins(double lo, double width, int[][] counts, int[] totals, boolean overflow) {
        int size() {
            return counts[0].length;
        }
    }

    /**
     * Bins scores per class (0 normal, 1 anomalous, 2 unlabelled). A handful of extreme scores would squeeze the
     * rest into one bar, so when the maximum lies far beyond the 99.5% quantile the range stops there and the last
     * bin collects the overflow.
     */
    static Bins bin(ScoreHistogram h) {
        double[] sorted = h.scores().clone();
        Arrays.sort(sorted);
        double lo = sorted.length == 0 ? 0 : sorted[0];
        double max = sorted.length == 0 ? 1 : sorted[sorted.length - 1];
        double q = sorted.length == 0 ? 1 : Quantiles.ofSorted(sorted, 0.995);
        boolean overflow = max - lo > 2 * (q - lo) && q > lo;
        double hi = overflow ? q + 0.25 * (q - lo) : max;
        if (hi <= lo) {
            hi = lo + 1;
        }
        int n = sorted.length;
        int binCount = (int) Math.max(10, Math.min(48, Math.round(2 * Math.cbrt(n) + 6)));
        double width = (hi - lo) / binCount;
        int[][] counts = new int[3][binCount];
        int[] totals = new int[3];
        for (int i = 0; i < n; i++) {
            int cls = h.labels() == null ? 2 : switch (h.labels()[i]) {
                case 0 -> 0;
                case 1 -> 1;
                default -> 2;
            };
            int b = (int) Math.floor((h.scores()[i] - lo) / width);
            b = Math.max(0, Math.min(binCount - 1, b));
            counts[cls][b]++;
            totals[cls]++;
        }
        return new Bins(lo, width, counts, totals, overflow);
    }

    /**
     * Score histogram with the threshold as a dashed vertical line. With labels, normal and anomalous scores are
     * overlaid, each as a share of its own class so that a few anomalies stay visible next to many normal rows;
     * without labels, plain counts.
     */
    static Chart histogram(ScoreHistogram h) {
        Bins bins = bin(h);
        boolean labelled = bins.totals()[0] + bins.totals()[1] > 0;
        int[] classes = labelled ? (bins.totals()[2] > 0 ? new int[]{2, 0, 1} : new int[]{0, 1}) : new int[]{2};
        String[] colours = {Palette.NORMAL, Palette.ANOMALOUS, Palette.UNLABELLED};
        String[] names = {"normal", "anomalous", labelled ? "unlabelled" : "all scores"};
        double top = 0;
        for (int c : classes) {
            for (int b = 0; b < bins.size(); b++) {
                top = Math.max(top, value(bins, c, b, labelled));
            }
        }
        double step = niceStep(top, 5);
        top = Math.max(step, Math.ceil(top / step) * step);
        double hi = bins.lo() + bins.width() * bins.size();
        Frame f = new Frame(760, 320, 60, 30, 18, 48).range(bins.lo(), hi, 0, top);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(f.width).append(' ').append(f.height)
                .append("\" role=\"img\" aria-label=\"Score histogram of ").append(esc(h.detector())).append("\">");
        double xStep = niceStep(hi - bins.lo(), 8);
        f.grid(svg, Math.ceil(bins.lo() / xStep) * xStep, hi, xStep, 0, top, step, labelled);
        f.axisLabels(svg, "Score of " + h.detector() + (bins.overflow() ? " (last bar includes all higher scores)" : ""),
                labelled ? "Share of class" : "Rows");
        double barWidth = f.px(bins.width());
        for (int c : classes) {
            svg.append("<g fill=\"").append(colours[c]).append("\" fill-opacity=\"")
                    .append(classes.length > 1 ? "0.55" : "0.8").append("\">");
            for (int b = 0; b < bins.size(); b++) {
                int count = bins.counts()[c][b];
                if (count == 0) {
                    continue;
                }
                double v = value(bins, c, b, labelled);
                double x = f.x(bins.lo() + b * bins.width());
                svg.append("<rect x=\"").append(xy(x + 0.5)).append("\" y=\"").append(xy(f.y(v)))
                        .append("\" width=\"").append(xy(Math.max(0.5, barWidth - 1))).append("\" height=\"")
                        .append(xy(f.y(0) - f.y(v))).append("\"><title>").append(names[c]).append(": ")
                        .append(Html.count(count)).append(" scores in ")
                        .append(Html.num(bins.lo() + b * bins.width())).append(" to ")
                        .append(b == bins.size() - 1 && bins.overflow() ? "max"
                                : Html.num(bins.lo() + (b + 1) * bins.width()))
                        .append("</title></rect>");
            }
            svg.append("</g>");
        }
        thresholdLine(svg, f, h.threshold(), bins.lo(), hi);
        svg.append("</svg>");
        StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
        for (int c : classes) {
            legend.append("<li><span class=\"box\" style=\"background:").append(colours[c]).append("\"></span>")
                    .append(names[c]).append(" <span class=\"muted\">(").append(Html.count(bins.totals()[c]))
                    .append(")</span></li>");
        }
        legend.append("<li>").append(swatch(Palette.INK, "5 3", false)).append("threshold ")
                .append(Html.num(h.threshold())).append("</li></ul>");
        return new Chart(svg.toString(), legend.toString());
    }

    private static double value(Bins bins, int cls, int bin, boolean share) {
        int c = bins.counts()[cls][bin];
        return share ? (bins.totals()[cls] == 0 ? 0 : (double) c / bins.totals()[cls]) : c;
    }

    private static void thresholdLine(StringBuilder svg, Frame f, double threshold, double lo, double hi) {
        double t = Math.max(lo, Math.min(hi, threshold));
        String where = threshold > hi ? " (beyond the axis)" : threshold < lo ? " (below every score)" : "";
        double x = f.x(t);
        svg.append("<rect class=\"flagzone\" x=\"").append(xy(x)).append("\" y=\"").append(f.top).append("\" width=\"")
                .append(xy(f.left + f.plotWidth() - x)).append("\" height=\"").append(xy(f.plotHeight()))
                .append("\"/>");
        svg.append("<line class=\"thr\" x1=\"").append(xy(x)).append("\" y1=\"").append(xy(f.top - 8))
                .append("\" x2=\"").append(xy(x)).append("\" y2=\"").append(xy(f.y(0))).append("\"/>");
        boolean right = x < f.left + f.plotWidth() * 0.75;
        svg.append("<text class=\"thr-label\" x=\"").append(xy(x + (right ? 6 : -6))).append("\" y=\"")
                .append(xy(f.top + 4)).append("\" text-anchor=\"").append(right ? "start" : "end").append("\">")
                .append("threshold ").append(Html.num(threshold)).append(where).append(" \u2192 flagged")
                .append("</text>");
    }

    /** A step of 1, 2 or 5 times a power of ten giving about {@code ticks} ticks over {@code span}. */
    static double niceStep(double span, int ticks) {
        if (!(span > 0) || !Double.isFinite(span)) {
            return 1;
        }
        double raw = span / ticks;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * mag;
    }

    /** The plot area of a chart and its data-to-pixel mapping. */
    static final class Frame {
        final int width;
        final int height;
        final int left;
        final int top;
        final int right;
        final int bottom;
        double x0 = 0;
        double x1 = 1;
        double y0 = 0;
        double y1 = 1;

        Frame(int width, int height, int left, int top, int right, int bottom) {
            this.width = width;
            this.height = height;
            this.left = left;
            this.top = top;
            this.right = right;
            this.bottom = bottom;
        }

        Frame range(double xFrom, double xTo, double yFrom, double yTo) {
            x0 = xFrom;
            x1 = xTo;
            y0 = yFrom;
            y1 = yTo;
            return this;
        }

        double plotWidth() {
            return width - left - right;
        }

        double plotHeight() {
            return height - top - bottom;
        }

        double x(double v) {
            return left + (v - x0) / (x1 - x0) * plotWidth();
        }

        double y(double v) {
            return top + plotHeight() - (v - y0) / (y1 - y0) * plotHeight();
        }

        double px(double dataWidth) {
            return dataWidth / (x1 - x0) * plotWidth();
        }

        void grid(StringBuilder svg, double xFrom, double xTo, double xStep, double yFrom, double yTo, double yStep,
                  boolean yPercent) {
            svg.append("<rect class=\"plot\" x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"")
                    .append(xy(plotWidth())).append("\" height=\"").append(xy(plotHeight())).append("\"/>");
            for (double v = yFrom; v <= yTo + yStep * 1e-6; v += yStep) {
                svg.append("<line class=\"grid\" x1=\"").append(left).append("\" y1=\"").append(xy(y(v)))
                        .append("\" x2=\"").append(xy(left + plotWidth())).append("\" y2=\"").append(xy(y(v)))
                        .append("\"/><text class=\"tick\" x=\"").append(left - 6).append("\" y=\"")
                        .append(xy(y(v) + 4)).append("\" text-anchor=\"end\">")
                        .append(yPercent ? Html.percent(v).replace(".0%", "%") : tick(v, yStep)).append("</text>");
            }
            for (double v = xFrom; v <= xTo + xStep * 1e-6; v += xStep) {
                svg.append("<line class=\"grid\" x1=\"").append(xy(x(v))).append("\" y1=\"").append(top)
                        .append("\" x2=\"").append(xy(x(v))).append("\" y2=\"").append(xy(top + plotHeight()))
                        .append("\"/><text class=\"tick\" x=\"").append(xy(x(v))).append("\" y=\"")
                        .append(xy(top + plotHeight() + 16)).append("\" text-anchor=\"middle\">")
                        .append(tick(v, xStep)).append("</text>");
            }
        }

        void axisLabels(StringBuilder svg, String xLabel, String yLabel) {
            svg.append("<text class=\"axis\" x=\"").append(xy(left + plotWidth() / 2)).append("\" y=\"")
                    .append(height - 10).append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
            svg.append("<text class=\"axis\" transform=\"translate(14 ").append(xy(top + plotHeight() / 2))
                    .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
        }

        private static String tick(double v, double step) {
            int decimals = (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
            double clean = Math.abs(v) < step * 1e-6 ? 0 : v;
            return String.format(java.util.Locale.ROOT, "%." + decimals + "f", clean);
        }
    }
}
