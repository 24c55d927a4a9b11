package org.gposuite.reproduce.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.StoredCell;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig. 3b: one PNG per crossover of each Fig. 3a probe cell, four XChart scatter panels side by side
 * (parent A, parent B, state-space child, parameter-space child) on the same axes, with a header
 * line saying what is drawn. Reads the files {@link StateVisitation} wrote into the cell folders.
 */
final class VisitationPlots {
  private VisitationPlots() {}

  private static final int PANEL = 460, HEADER = 64;
  /** Okabe-Ito colours, one per policy, as in no other figure's meaning. */
  private static final Color[] COLORS = {new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
      new Color(0xD5, 0x5E, 0x00)};

  /** @return file names relative to {@code dir}'s parent (as Plots returns them), in seed and pair order */
  static List<String> draw(List<StoredCell> cells, CellStore store, String task, String preset, Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    for (StoredCell c : cells) {
      for (StateVisitation.Crossover x : StateVisitation.read(store.dirOf(c.record()))) {
        String name = "fig3b-states" + Settings.suffix(preset) + "-" + task + "-seed" + c.record().seed() + "-pair" + x.pair();
        write(image(x, task, c.record().seed()), dir.resolve(name + ".png"));
        files.add(dir.getFileName() + "/" + name + ".png");
      }
    }
    return files;
  }

  static BufferedImage image(StateVisitation.Crossover x, String task, int seed) {
    double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = minX, maxY = maxX;
    for (StateVisitation.Panel p : x.panels()) {
      for (double v : p.x()) { minX = Math.min(minX, v); maxX = Math.max(maxX, v); }
      for (double v : p.y()) { minY = Math.min(minY, v); maxY = Math.max(maxY, v); }
    }
    // 3% margins; the same ranges in every panel, so a region sits at the same place in all four.
    double padX = Math.max(1e-9, 0.03 * (maxX - minX)), padY = Math.max(1e-9, 0.03 * (maxY - minY));
    int n = x.panels().size();
    BufferedImage out = new BufferedImage(n * PANEL, PANEL + HEADER, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    StateVisitation.Panel first = x.panels().get(0);
    g.drawString("Fig. 3b: " + task + ", seed " + seed + ", crossover #" + x.pair() + ": states visited by each policy's high-reward rollouts", 12, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(String.format(Locale.ROOT, "top quarter (%d of %d rollouts) by return; axes: PCA fitted on the four policies' pooled states"
        + " (PC1 + PC2 explain %.0f%% of their variance); titles: average return over all %d rollouts",
        first.kept(), first.rollouts(), 100 * x.explained(), first.rollouts()), 12, 48);
    for (int i = 0; i < n; i++) {
      StateVisitation.Panel p = x.panels().get(i);
      XYChart chart = new XYChartBuilder().width(PANEL).height(PANEL)
          .title(String.format(Locale.ROOT, "%s: %.4g", p.role().label, p.meanReturn())).xAxisTitle("PC1").yAxisTitle("PC2").build();
      var st = chart.getStyler();
      st.setLegendVisible(false);
      st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      st.setXAxisMin(minX - padX);
      st.setXAxisMax(maxX + padX);
      st.setYAxisMin(minY - padY);
      st.setYAxisMax(maxY + padY);
      st.setMarkerSize(4);
      st.setChartBackgroundColor(Color.WHITE);
      st.setPlotBackgroundColor(Color.WHITE);
      st.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
      double[] px = p.x().length == 0 ? new double[] {Double.NaN} : p.x();
      double[] py = p.y().length == 0 ? new double[] {Double.NaN} : p.y();
      XYSeries s = chart.addSeries(p.role().label, px, py);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      Color c = COLORS[i % COLORS.length];
      s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
      g.drawImage(BitmapEncoder.getBufferedImage(chart), i * PANEL, HEADER, null);
    }
    g.dispose();
    return out;
  }

  private static void write(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
    AtomicFiles.makeReadable(file);
  }
}
