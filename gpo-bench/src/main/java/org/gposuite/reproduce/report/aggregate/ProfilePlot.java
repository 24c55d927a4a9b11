package org.gposuite.reproduce.report.aggregate;

import org.gposuite.reproduce.report.Plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gposuite.reproduce.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The performance profile of one table (XChart PNG, like the report's other figures): for each
 * threshold tau, the fraction of a method's runs (all tasks pooled) with normalised score above tau;
 * ours as solid lines with their 95% stratified-bootstrap band, the paper's per-task means as dashed
 * lines (one run per task, so no band).
 */
public final class ProfilePlot {
  /** Thresholds drawn: enough that the steps of a few dozen runs look like steps. */
  static final int GRID_POINTS = 401;
  /** Okabe-Ito, the colours Plots gives each method in every other figure. */
  private static final Map<String, Color> COLORS = Map.of(
      "GPO", new Color(0x00, 0x72, 0xB2), "Single", new Color(0xE6, 0x9F, 0x00), "Joint", new Color(0x00, 0x9E, 0x73));

  private ProfilePlot() {}

  /**
   * The thresholds: from min(0, lowest score) to max(1, highest score) plus 5% of the range, so 0
   * (random) and 1 (the paper's Single) are always on the axis and every run's step is visible.
   */
  static double[] grid(TableAggregates t) {
    double lo = 0, hi = 1;
    for (Map<String, TaskScores> side : java.util.List.of(t.ours(), t.paperSameTasks())) {
      for (TaskScores s : side.values()) {
        for (double x : s.pooled()) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    hi += 0.05 * (hi - lo);
    double[] taus = new double[GRID_POINTS];
    for (int i = 0; i < taus.length; i++) taus[i] = lo + (hi - lo) * i / (taus.length - 1);
    return taus;
  }

  /** Draws {@code dir/name.png}; returns its name relative to the report ({@code plots/name.png}). */
  public static String draw(TableAggregates t, String title, Path dir, String name) throws IOException {
    System.setProperty("java.awt.headless", "true");
    double[] taus = grid(t);
    XYChart chart = new XYChartBuilder().width(1000).height(560).title(title)
        .xAxisTitle("normalised score tau (0: random policy, 1: paper's Single)").yAxisTitle("fraction of runs with score > tau").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setXAxisDecimalPattern("0.0#"); // the grid's end is not round: keep its ticks short
    t.ours().forEach((method, scores) -> {
      Color c = COLORS.getOrDefault(method, Color.DARK_GRAY);
      Estimate[] band = t.bootstrap().profile(scores, taus);
      double[] y = new double[taus.length], low = new double[taus.length], high = new double[taus.length];
      for (int i = 0; i < taus.length; i++) {
        y[i] = band[i].point();
        low[i] = band[i].low();
        high[i] = band[i].high();
      }
      Plots.addBand(chart, method + " 95% band", taus, low, high, c);
      XYSeries line = chart.addSeries(method + " ours (n = " + scores.runs() + ", " + scores.byTask().size() + " tasks)", taus, y);
      line.setMarker(SeriesMarkers.NONE).setLineColor(c).setLineWidth(2f);
    });
    t.paperSameTasks().forEach((method, scores) -> {
      if (!t.ours().containsKey(method)) return; // only beside a method we ran
      double[] y = new double[taus.length];
      double[] pooled = scores.pooled();
      for (int i = 0; i < taus.length; i++) y[i] = AggregateScores.fractionAbove(pooled, taus[i]);
      XYSeries line = chart.addSeries(method + " paper (task means)", taus, y);
      line.setMarker(SeriesMarkers.NONE).setLineColor(COLORS.getOrDefault(method, Color.DARK_GRAY));
      line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    });
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.makeReadable(file);
    return dir.getFileName() + "/" + name + ".png";
  }
}
