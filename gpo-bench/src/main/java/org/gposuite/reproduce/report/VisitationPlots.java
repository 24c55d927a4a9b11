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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.StoredCell;
import org.gposuite.reproduce.visitation.CrossoverMap;
import org.gposuite.reproduce.visitation.KnnSeparation;
import org.gposuite.reproduce.visitation.Pca;
import org.gposuite.reproduce.visitation.Tsne;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig. 3b: one PNG per crossover of each Fig. 3a probe cell. Two rows of four XChart scatter panels
 * (parent A, parent B, state-space child, parameter-space child), each drawing its policy's states in
 * colour over the other three's in grey, on the same axes within a row: the t-SNE the paper used on top,
 * PCA (a linear map, so distances along it mean the same everywhere) below, both of the standardised
 * states ({@link CrossoverMap}). Beside them, the k-NN separation of every two policies in the
 * standardised state space, which answers the figure's question in numbers, since t-SNE's picture
 * keeps neighbourhoods but not distances between clusters. A header says what is drawn and how well
 * each projection fits. Reads the files {@link StateVisitation} wrote into the cell folders; crossovers
 * of cells written before raw states were stored are skipped (the report says so).
 */
final class VisitationPlots {
  private VisitationPlots() {}

  private static final int PANEL = 400, HEADER = 84, TABLE = 430;
  /** Okabe-Ito colours, one per policy, as in no other figure's meaning. */
  private static final Color[] COLORS = {new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
      new Color(0xD5, 0x5E, 0x00)};
  private static final Color OTHERS = new Color(0xC8, 0xC8, 0xC8, 70);
  /** Short names in the separation table, in Role order. */
  private static final String[] SHORT = {"A", "B", "state", "param"};

  /**
   * Draws the maps on every core: each is one exact t-SNE (2,000 points, about 20 s on a core) and
   * depends on its own crossover only, so the order they are drawn in changes no pixel.
   *
   * @return file names relative to {@code dir}'s parent (as Plots returns them), in seed and pair order
   */
  static List<String> draw(List<StoredCell> cells, CellStore store, String task, String preset, Path dir) throws IOException {
    record Map3b(StateVisitation.Crossover crossover, int seed, String name) {}
    List<Map3b> maps = new ArrayList<>();
    for (StoredCell c : cells) {
      for (StateVisitation.Crossover x : StateVisitation.read(store.dirOf(c.record()))) {
        if (!x.hasStates()) continue;
        int seed = c.record().seed();
        maps.add(new Map3b(x, seed, "fig3b-states" + Settings.suffix(preset) + "-" + task + "-seed" + seed + "-pair" + x.pair()));
      }
    }
    Files.createDirectories(dir);
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(maps.size(), Runtime.getRuntime().availableProcessors())))) {
      List<Future<?>> drawn = new ArrayList<>();
      for (Map3b m : maps)
        drawn.add(pool.submit(() -> {
          write(image(m.crossover(), task, m.seed()), dir.resolve(m.name() + ".png"));
          return null;
        }));
      for (Future<?> f : drawn) f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while drawing Fig. 3b's maps", e);
    }
    return maps.stream().map(m -> dir.getFileName() + "/" + m.name() + ".png").toList();
  }

  /** One projection's row: each policy's 2-D points (Role order), the axis titles. */
  private record Row(List<double[]> x, List<double[]> y, String xTitle, String yTitle) {
    static Row split(double[] xs, double[] ys, int m, String xTitle, String yTitle) {
      List<double[]> x = new ArrayList<>(), y = new ArrayList<>();
      for (int r = 0; r < StateVisitation.Role.values().length; r++) {
        x.add(java.util.Arrays.copyOfRange(xs, r * m, (r + 1) * m));
        y.add(java.util.Arrays.copyOfRange(ys, r * m, (r + 1) * m));
      }
      return new Row(x, y, xTitle, yTitle);
    }
  }

  static BufferedImage image(StateVisitation.Crossover x, String task, int seed) {
    CrossoverMap map = CrossoverMap.of(x);
    int m = map.pointsPerPolicy();
    Tsne.Embedding t = map.tsne(Tsne.Config.DEFAULT);
    Pca pca = map.pca();
    List<double[]> pooled = map.pooled();
    double[] px = new double[pooled.size()], py = new double[pooled.size()];
    for (int i = 0; i < pooled.size(); i++) {
      double[] p = pca.project(pooled.get(i));
      px[i] = p[0];
      py[i] = p[1];
    }
    List<Row> rows = List.of(Row.split(t.x(), t.y(), m, "t-SNE 1", "t-SNE 2"), Row.split(px, py, m, "PC1", "PC2"));
    CrossoverMap.Separations sep = map.separations();

    int n = x.panels().size();
    BufferedImage out = new BufferedImage(n * PANEL + TABLE, HEADER + rows.size() * PANEL, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    StateVisitation.Panel first = x.panels().get(0);
    g.drawString("Fig. 3b: " + task + ", seed " + seed + ", crossover #" + x.pair() + ": states visited by each policy's high-reward rollouts"
        + " (top quarter, " + first.kept() + " of " + first.rollouts() + " rollouts, by return); titles: average return over all "
        + first.rollouts() + " rollouts", 12, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(String.format(Locale.ROOT, "%d states per policy, %d-D, standardised per dimension over the four policies' pooled states;"
        + " coloured: the panel's policy, grey: the other three", m, map.dimension()), 12, 48);
    g.drawString(String.format(Locale.ROOT, "top: t-SNE (perplexity %.3g, %d iterations, seed %d; KL(P||Q) = %.3f nats);"
        + " bottom: PCA (PC1 + PC2 explain %.0f%% of the standardised variance)",
        t.perplexity(), t.iterations(), Tsne.Config.DEFAULT.seed(), t.klDivergence(), 100 * pca.explained()), 12, 70);
    for (int row = 0; row < rows.size(); row++) {
      Row r = rows.get(row);
      double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = minX, maxY = maxX;
      for (int i = 0; i < n; i++) {
        for (double v : r.x().get(i)) { minX = Math.min(minX, v); maxX = Math.max(maxX, v); }
        for (double v : r.y().get(i)) { minY = Math.min(minY, v); maxY = Math.max(maxY, v); }
      }
      // 3% margins; the same ranges in every panel of a row, so a region sits at the same place in all four.
      double padX = Math.max(1e-9, 0.03 * (maxX - minX)), padY = Math.max(1e-9, 0.03 * (maxY - minY));
      for (int i = 0; i < n; i++) {
        StateVisitation.Panel p = x.panels().get(i);
        XYChart chart = new XYChartBuilder().width(PANEL).height(PANEL)
            .title(String.format(Locale.ROOT, "%s: %.4g", p.role().label, p.meanReturn())).xAxisTitle(r.xTitle()).yAxisTitle(r.yTitle()).build();
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
        List<Double> ox = new ArrayList<>(), oy = new ArrayList<>();
        for (int o = 0; o < n; o++) {
          if (o == i) continue;
          for (double v : r.x().get(o)) ox.add(v);
          for (double v : r.y().get(o)) oy.add(v);
        }
        XYSeries others = chart.addSeries("others", ox, oy);
        others.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        others.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(OTHERS);
        XYSeries s = chart.addSeries(p.role().label, r.x().get(i), r.y().get(i));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        Color c = COLORS[i % COLORS.length];
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
        g.drawImage(BitmapEncoder.getBufferedImage(chart), i * PANEL, HEADER + row * PANEL, null);
      }
    }
    separationTable(g, sep, map.dimension(), n * PANEL + 16, HEADER + 30);
    g.dispose();
    return out;
  }

  /** The pairwise k-NN separations as a small table, the two children's mean distance from the parents and the verdict. */
  private static void separationTable(Graphics2D g, CrossoverMap.Separations sep, int dimension, int left, int top) {
    StateVisitation.Role[] roles = StateVisitation.Role.values();
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("k-NN separation (" + dimension + "-D standardised states)", left, top);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int y = top + 22;
    for (String line : List.of("k = " + KnnSeparation.K + " nearest neighbours in the two policies' pooled states;",
        "0: as mixed as two samples of one distribution,", "1: no state has a neighbour from the other policy")) {
      g.drawString(line, left, y);
      y += 18;
    }
    y += 14;
    int col = 76;
    g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 14));
    for (int j = 0; j < roles.length; j++) g.drawString(String.format(Locale.ROOT, "%6s", SHORT[j]), left + col * (j + 1) - 10, y);
    y += 22;
    for (int i = 0; i < roles.length; i++) {
      g.setColor(COLORS[i]);
      g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 14));
      g.drawString(SHORT[i], left, y);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
      for (int j = 0; j < roles.length; j++) {
        String v = i == j ? "     -" : String.format(Locale.ROOT, "%6.2f", sep.between(roles[i], roles[j]));
        g.drawString(v, left + col * (j + 1) - 10, y);
      }
      y += 22;
    }
    y += 18;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    double s = sep.fromParents(StateVisitation.Role.STATE_SPACE_CHILD), p = sep.fromParents(StateVisitation.Role.PARAMETER_SPACE_CHILD);
    g.drawString(String.format(Locale.ROOT, "from the parents (mean of A and B):"), left, y);
    y += 20;
    g.drawString(String.format(Locale.ROOT, "  state-space child %.2f, parameter-space child %.2f", s, p), left, y);
    y += 26;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString("state-space child closer to the parents: " + (sep.stateChildCloser() ? "yes" : "no"), left, y);
  }

  private static void write(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
    AtomicFiles.makeReadable(file);
  }
}
