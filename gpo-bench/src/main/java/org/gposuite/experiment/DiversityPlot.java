package org.gposuite.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.gpo.RoundRow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A GPO run's diversity per round, from its rounds.csv rows: distinct lineages and the largest
 * family (children started from one parent) on the left axis, the population's mean pairwise KL on
 * the right. One lineage with a family of m is the collapse that makes GPO a single PPO run with
 * extra DAgger steps; several lineages are what it needs to beat Single.
 */
final class DiversityPlot {
  private DiversityPlot() {}

  static void draw(List<RoundRow> rounds, int population, String title, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<RoundRow> crossed = rounds.stream().filter(r -> r.largestFamily() > 0).toList();
    if (crossed.isEmpty()) return;
    double[] x = crossed.stream().mapToDouble(r -> r.round() + 1).toArray();
    XYChart chart = new XYChartBuilder().width(800).height(450).title(title + " (population " + population + ")")
        .xAxisTitle("round").yAxisTitle("policies").build();
    chart.addSeries("distinct lineages in the next population", x, crossed.stream().mapToDouble(RoundRow::lineages).toArray())
        .setMarker(SeriesMarkers.CIRCLE);
    chart.addSeries("largest family (children from one parent)", x, crossed.stream().mapToDouble(RoundRow::largestFamily).toArray())
        .setMarker(SeriesMarkers.SQUARE);
    XYSeries kl = chart.addSeries("mean pairwise KL (right axis)", x, crossed.stream().mapToDouble(RoundRow::meanPairKl).toArray());
    kl.setMarker(SeriesMarkers.DIAMOND);
    saveWithKlOnTheRight(chart, kl, population, png);
  }

  /**
   * Puts {@code kl} on a right-hand "KL" axis from 0, the left axis on [0, leftMax], the legend below,
   * and writes the PNG: the layout of this plot and of {@link SharingPlot}.
   */
  static void saveWithKlOnTheRight(XYChart chart, XYSeries kl, double leftMax, Path png) throws IOException {
    kl.setYAxisGroup(1);
    chart.setYAxisGroupTitle(1, "KL");
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setYAxisMin(0, 0.0);
    chart.getStyler().setYAxisMax(0, leftMax);
    chart.getStyler().setYAxisMin(1, 0.0);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
