package org.gposuite.experiment;

import java.io.IOException;
import java.nio.file.Path;
import org.gposuite.reproduce.store.SharingSummary;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A GPO cell's data sharing per mutation iteration ({@code gpo/sharing.png}): on the left, the share of
 * the other policies whose batches an update read and those batches' mean ESS / n (how much of a shared
 * batch the importance weights leave); on the right, their mean KL[pi_i || pi_j_old] at the time of use.
 * A round whose KL climbs while ESS / n falls is one whose shared batches went off-policy while still in use.
 */
final class SharingPlot {
  private SharingPlot() {}

  static void draw(SharingSummary s, int population, String title, Path png) throws IOException {
    if (s.iterations().isEmpty() || population < 2) return;
    System.setProperty("java.awt.headless", "true");
    int n = s.iterations().size();
    double[] x = new double[n], share = new double[n], ess = new double[n], kl = new double[n];
    for (int i = 0; i < n; i++) {
      SharingSummary.Iteration it = s.iterations().get(i);
      x[i] = it.iteration();
      share[i] = it.usedPerPolicy() / (population - 1);
      ess[i] = it.meanEss();
      kl[i] = it.meanKl();
    }
    XYChart chart = new XYChartBuilder().width(900).height(450).title(title).xAxisTitle("mutation iteration (all rounds)")
        .yAxisTitle("share / ESS per n").build();
    chart.addSeries("share of the other policies' batches read", x, share).setMarker(SeriesMarkers.NONE);
    chart.addSeries("mean ESS / n of the batches read", x, ess).setMarker(SeriesMarkers.NONE);
    XYSeries k = chart.addSeries("mean KL[pi_i || pi_j_old] at use (right axis)", x, kl);
    k.setMarker(SeriesMarkers.NONE);
    DiversityPlot.saveWithKlOnTheRight(chart, k, 1.0, png);
  }
}
