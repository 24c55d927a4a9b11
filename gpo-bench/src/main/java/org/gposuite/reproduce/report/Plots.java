package org.gposuite.reproduce.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.CrossoverTrial;
import org.gposuite.reproduce.store.StoredCell;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG figures of a run (XChart, headless): Fig. 4/8 curves ({@link LearningCurve}), Fig. 3a bars and Fig. 3b's state-visitation panels ({@link VisitationPlots}), Fig. 5 bars. */
public final class Plots {
  /** Why a curve stops where it does, said under every figure of curves. */
  static final String WHERE_CURVES_END = "Each curve runs to the last step all its seeds reached: the end of"
      + " their last iteration (GPO: its last round), within one batch of the budget, which is why a diamond"
      + " (at the mean steps used) can sit slightly right of its curve's end.";

  private Plots() {}

  /**
   * Draws what the plan's experiments need from one preset's cells; returns file names relative
   * to {@code dir}. The default preset's files keep their names, another preset's carry its name
   * (fig4-PPO-paper-calibrated-Hopper.png, fig5-ablations-paper-calibrated.png).
   */
  public static Map<Experiment, List<String>> draw(Plan plan, String preset, Results results,
      PaperData paper, AblationBars ablations, Path dir) throws IOException {
    String label = CellSpec.algorithmLabel(Algorithm.PPO, preset);
    String suffix = Settings.suffix(preset);
    String titleNote = suffix.isEmpty() ? "" : " (" + label + ")";
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    Map<Experiment, List<String>> out = new EnumMap<>(Experiment.class);
    if (plan.experiments().contains(Experiment.FIGURE_4)) {
      out.put(Experiment.FIGURE_4, curves(plan, preset, Experiment.FIGURE_4, results, paper, dir));
    }
    if (plan.experiments().contains(Experiment.FIGURE_6)) {
      out.put(Experiment.FIGURE_6, populations(plan, preset, results, dir));
    }
    if (plan.experiments().contains(Experiment.FIGURE_8)) {
      out.put(Experiment.FIGURE_8, curves(plan, preset, Experiment.FIGURE_8, results, paper, dir));
    }
    out.putAll(VariantPlots.draw(plan, preset, results, dir)); // Figs. 7, 9, 10
    if (plan.experiments().contains(Experiment.FIGURE_3A)) {
      List<StoredCell> cells = results.group(preset, Algorithm.PPO, plan.profile().fig3aTask(), Catalogue.CROSSOVER_PROBE);
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
        List<String> files = new ArrayList<>(List.of(save(chart, dir, "fig3a-crossover" + suffix)));
        // Fig. 3b: the probe cells' state-visitation files; the cell folders sit beside plots/ in the run folder.
        files.addAll(VisitationPlots.draw(cells, new CellStore(dir.toAbsolutePath().getParent()), plan.profile().fig3aTask(), preset, dir));
        out.put(Experiment.FIGURE_3A, files);
      }
    }
    if (plan.experiments().contains(Experiment.FIGURE_5) && !ablations.scores().isEmpty()) {
      List<String> labels = new ArrayList<>(ablations.scores().keySet());
      List<Double> ours = new ArrayList<>(), theirs = new ArrayList<>();
      for (String m : labels) {
        ours.add(ablations.scores().get(m));
        theirs.add(paper.ablations().getOrDefault(m, 0.0));
      }
      CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
          .title("Fig. 5: ablations, normalized to GPO, ours on " + String.join(", ", ablations.tasks()) + titleNote).xAxisTitle("variant").yAxisTitle("return / GPO").build();
      chart.addSeries("ours", labels, ours);
      chart.addSeries("paper", labels, theirs);
      out.put(Experiment.FIGURE_5, List.of(save(chart, dir, "fig5-ablations" + suffix)));
    }
    return out;
  }

  /** One learning-curve figure per task: every table method's curve, band, table and paper markers. */
  private static List<String> curves(Plan plan, String preset, Experiment figure, Results results,
      PaperData paper, Path dir) throws IOException {
    Algorithm algorithm = Plan.algorithmOf(figure);
    String label = CellSpec.algorithmLabel(algorithm, preset);
    // The paper's numbers are its 8M-step finals: drawn only where this profile runs that budget.
    boolean paperBudget = plan.profile().budget().totalSteps() == Budget.PAPER.totalSteps();
    List<String> files = new ArrayList<>();
    for (String task : plan.profile().tasks()) {
      XYChart chart = new XYChartBuilder().width(1200).height(560)
          .title("Fig. " + figure.number() + ": " + task + " (" + label + ")")
          .xAxisTitle("environment steps (millions), DAgger included").yAxisTitle("average return").build();
      chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
      chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      int drawn = 0;
      for (String method : Catalogue.TABLE_METHODS) {
        Color color = METHOD_COLORS.getOrDefault(method, Color.DARK_GRAY);
        if (!addCurve(chart, method, color, results.group(preset, algorithm, task, method))) continue;
        if (paperBudget) {
          var published = paper.table(algorithm, task, method);
          if (published.isPresent()) {
            XYSeries p = chart.addSeries(method + " paper", new double[] {Budget.PAPER.totalSteps() / 1e6},
                new double[] {published.get().mean()});
            p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.CROSS).setMarkerColor(color);
          }
        }
        drawn++;
      }
      if (drawn > 0) files.add(save(chart, dir, "fig" + figure.number() + "-" + label + "-" + task));
    }
    return files;
  }

  /** Fig. 6, one figure per task: every final policy's return, by rank, GPO's and Single's of each seed. */
  private static List<String> populations(Plan plan, String preset, Results results, Path dir) throws IOException {
    String label = CellSpec.algorithmLabel(Algorithm.PPO, preset);
    List<String> files = new ArrayList<>();
    for (String task : plan.profile().tasks()) {
      PopulationComparison pc = PopulationComparison.of(results, preset, task);
      if (pc.seeds().isEmpty()) continue;
      XYChart chart = new XYChartBuilder().width(1000).height(560)
          .title("Fig. 6: " + task + " (" + label + "), every final policy, best first")
          .xAxisTitle("policy rank within its method and seed").yAxisTitle("average return (selection evaluation)").build();
      chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
      chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      pc.seeds().forEach((seed, pair) -> {
        for (String method : List.of("GPO", "Single")) {
          List<Double> r = method.equals("GPO") ? pair.gpo() : pair.single();
          double[] x = new double[r.size()], y = new double[r.size()];
          for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = r.get(i);
          }
          XYSeries s = chart.addSeries(method + " seed " + seed, x, y);
          s.setLineColor(METHOD_COLORS.get(method));
          s.setMarkerColor(METHOD_COLORS.get(method));
          s.setMarker(method.equals("GPO") ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
        }
      });
      files.add(save(chart, dir, "fig6-" + label + "-" + task));
    }
    return files;
  }

  /** One group's mean curve, its min-max band over seeds, and the table's value; false when it has no curve. */
  static boolean addCurve(XYChart chart, String name, Color color, List<StoredCell> cells) {
    var curve = LearningCurve.of(cells);
    if (curve.isEmpty()) return false;
    LearningCurve c = curve.get();
    double[] x = millions(c.steps());
    if (c.seeds() > 1) addBand(chart, name + " band", x, c.low(), c.high(), color);
    String spread = c.seeds() > 1 ? ", band: min-max over seeds" : "";
    XYSeries mean = chart.addSeries(name + " (n = " + c.seeds() + spread + ")", x, c.mean());
    mean.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineWidth(2f);
    XYSeries table = chart.addSeries(name + " table value (best policy, evaluation)",
        new double[] {c.stepsUsed() / 1e6}, new double[] {c.tableReturn()});
    table.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    table.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(color);
    return true;
  }

  /** A shaded band between {@code low} and {@code high} over {@code x}, in a light tint of {@code color}, not in the legend. */
  public static void addBand(XYChart chart, String name, double[] x, double[] low, double[] high, Color color) {
    double[] bx = new double[2 * x.length], by = new double[2 * x.length];
    for (int i = 0; i < x.length; i++) {
      bx[i] = x[i];
      by[i] = high[i];
      bx[bx.length - 1 - i] = x[i];
      by[by.length - 1 - i] = low[i];
    }
    XYSeries band = chart.addSeries(name, bx, by);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
    band.setLineColor(new Color(0, 0, 0, 0));
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(false);
  }

  /** Okabe-Ito colours, told apart with colour blindness; a method keeps its colour in every figure. */
  private static final Map<String, Color> METHOD_COLORS = Map.of(
      "GPO", new Color(0x00, 0x72, 0xB2), "Single", new Color(0xE6, 0x9F, 0x00), "Joint", new Color(0x00, 0x9E, 0x73));

  private static double[] millions(double[] steps) {
    double[] out = new double[steps.length];
    for (int i = 0; i < steps.length; i++) out[i] = steps[i] / 1e6;
    return out;
  }

  private static String save(Chart<?, ?> chart, Path dir, String name) throws IOException {
    BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.makeReadable(dir.resolve(name + ".png"));
    return dir.getFileName() + "/" + name + ".png";
  }
}
