package org.gposuite.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG figures of a run (XChart, headless): Fig. 4 curves, Fig. 3a bars, Fig. 5 bars. */
public final class Plots {
  private Plots() {}

  /**
   * Draws what the plan's experiments need from one preset's cells; returns file names relative
   * to {@code dir}. The default preset's files keep their names, another preset's carry its name
   * (fig4-PPO-paper-calibrated-Hopper.png, fig5-ablations-paper-calibrated.png).
   */
  public static Map<Experiment, List<String>> draw(Plan plan, String preset, Results results,
      PaperData paper, Map<String, Double> ablations, Path dir) throws IOException {
    String label = CellSpec.algorithmLabel(Algorithm.PPO, preset);
    String suffix = Settings.suffix(preset);
    String titleNote = suffix.isEmpty() ? "" : " (" + label + ")";
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    Map<Experiment, List<String>> out = new EnumMap<>(Experiment.class);
    if (plan.experiments().contains(Experiment.FIGURE_4)) {
      List<String> files = new ArrayList<>();
      for (String task : plan.profile().tasks()) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
            .title("Fig. 4: " + task + " (" + label + ")").xAxisTitle("timesteps").yAxisTitle("average return").build();
        int series = 0;
        for (String method : Tasks.TABLE_METHODS) {
          double[][] xy = meanCurve(results.group(preset, Algorithm.PPO, task, method));
          if (xy[0].length == 0) continue;
          chart.addSeries(method, xy[0], xy[1]).setMarker(SeriesMarkers.NONE);
          series++;
        }
        if (series > 0) files.add(save(chart, dir, "fig4-" + label + "-" + task));
      }
      out.put(Experiment.FIGURE_4, files);
    }
    if (plan.experiments().contains(Experiment.FIGURE_3A)) {
      List<StoredCell> cells = results.group(preset, Algorithm.PPO, plan.profile().fig3aTask(), Tasks.CROSSOVER_PROBE);
      List<String> labels = new ArrayList<>();
      List<Double> a = new ArrayList<>(), b = new ArrayList<>(), s = new ArrayList<>(), p = new ArrayList<>();
      for (StoredCell c : cells) {
        for (CrossoverTrial t : c.crossovers()) {
          labels.add("seed " + c.record().seed() + " #" + t.pair());
          a.add(t.parentA());
          b.add(t.parentB());
          s.add(t.stateSpaceChild());
          p.add(t.parameterSpaceChild());
        }
      }
      if (!labels.isEmpty()) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
            .title("Fig. 3a: crossover on " + plan.profile().fig3aTask() + titleNote).xAxisTitle("crossover")
            .yAxisTitle("average return").build();
        chart.addSeries("parent A", labels, a);
        chart.addSeries("parent B", labels, b);
        chart.addSeries("state-space child", labels, s);
        chart.addSeries("parameter-space child", labels, p);
        out.put(Experiment.FIGURE_3A, List.of(save(chart, dir, "fig3a-crossover" + suffix)));
      }
    }
    if (plan.experiments().contains(Experiment.FIGURE_5) && !ablations.isEmpty()) {
      List<String> labels = new ArrayList<>(ablations.keySet());
      List<Double> ours = new ArrayList<>(), theirs = new ArrayList<>();
      for (String m : labels) {
        ours.add(ablations.get(m));
        theirs.add(paper.ablations().getOrDefault(m, 0.0));
      }
      CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
          .title("Fig. 5: ablations, normalized to GPO" + titleNote).xAxisTitle("variant").yAxisTitle("return / GPO").build();
      chart.addSeries("ours", labels, ours);
      chart.addSeries("paper", labels, theirs);
      out.put(Experiment.FIGURE_5, List.of(save(chart, dir, "fig5-ablations" + suffix)));
    }
    return out;
  }

  /** Mean over seeds, point by point, over the points all seeds have; x from the first seed. */
  static double[][] meanCurve(List<StoredCell> cells) {
    int n = cells.stream().mapToInt(c -> c.curve().size()).min().orElse(0);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = cells.get(0).curve().get(i).steps();
      double sum = 0;
      for (StoredCell c : cells) sum += c.curve().get(i).averageReturn();
      y[i] = sum / cells.size();
    }
    return new double[][] {x, y};
  }

  private static String save(Chart<?, ?> chart, Path dir, String name) throws IOException {
    BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.makeReadable(dir.resolve(name + ".png"));
    return dir.getFileName() + "/" + name + ".png";
  }
}
