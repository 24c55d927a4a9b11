package org.gposuite.reproduce.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.BudgetVariant;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.VariantFigures;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The curves of Figs. 7, 9 and 10, in the house style of Figs. 4/8 ({@link Plots}, {@link
 * LearningCurve}): one figure per file, x in millions of environment steps with DAgger, the mean
 * over seeds with a min-max band and n in the legend, the table's final value as a diamond at the
 * steps the cells used. Fig. 7 and Fig. 10: one curve per population size; Fig. 9: GPO and Joint,
 * one file per task and horizon. A preset other than the default is in the file name and title.
 */
final class VariantPlots {
  private VariantPlots() {}

  /**
   * Okabe-Ito colours (told apart with colour blindness), one per curve in the figure's order: its
   * populations in increasing size, then Fig. 10's second reading of DAgger's size (7 curves in the paper
   * profile).
   */
  private static final List<Color> SIZES = List.of(new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
      new Color(0x00, 0x9E, 0x73), new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0xCC, 0x79, 0xA7),
      Color.BLACK);
  private static final Map<String, Color> METHOD_COLORS = Map.of(
      "GPO", new Color(0x00, 0x72, 0xB2), "Joint", new Color(0x00, 0x9E, 0x73));

  static Map<Experiment, List<String>> draw(Plan plan, String preset, Results results, Path dir) throws IOException {
    Map<Experiment, List<String>> out = new EnumMap<>(Experiment.class);
    String label = CellSpec.algorithmLabel(Algorithm.PPO, preset);
    for (Experiment e : List.of(Experiment.FIGURE_7, Experiment.FIGURE_10)) {
      if (!plan.experiments().contains(e)) continue;
      String task = plan.profile().variantFigures().fig7Task();
      XYChart chart = chart("Fig. " + e.number() + ": GPO on " + task + " (" + label + "), "
          + (e == Experiment.FIGURE_7 ? "same steps per policy" : "equal total steps"));
      int i = 0, drawn = 0;
      for (VariantFigures.Group g : plan.profile().variantFigures().groups(e, plan.profile().budget())) {
        Budget b = g.variant().budget();
        Color color = SIZES.get(Math.min(i++, SIZES.size() - 1));
        Budget base = plan.profile().budget();
        String dagger = VariantFigures.Fig10Dagger.of(b, base) == VariantFigures.Fig10Dagger.PER_CHILD ? ""
            : ", DAgger " + VariantSections.daggerPerChild(b);
        drawn += Plots.addCurve(chart, "m = " + b.population() + ", batch " + b.batchPerPolicy() + dagger, color,
            VariantSections.cells(plan, results, preset, e, g)) ? 1 : 0;
      }
      if (drawn > 0) out.put(e, List.of(save(chart, dir, "fig" + e.number() + "-" + label + "-" + task)));
    }
    if (plan.experiments().contains(Experiment.FIGURE_9)) {
      VariantFigures v = plan.profile().variantFigures();
      List<String> files = new ArrayList<>();
      for (String task : v.fig9Tasks()) {
        for (int h : v.fig9Horizons()) {
          XYChart chart = chart("Fig. 9: " + task + ", horizon " + h + " (" + label + ")");
          int drawn = 0;
          for (String method : VariantFigures.methods(Experiment.FIGURE_9)) {
            var g = new VariantFigures.Group(task, method, BudgetVariant.horizon(plan.profile().budget(), h));
            drawn += Plots.addCurve(chart, method, METHOD_COLORS.get(method),
                VariantSections.cells(plan, results, preset, Experiment.FIGURE_9, g)) ? 1 : 0;
          }
          if (drawn > 0) files.add(save(chart, dir, "fig9-" + label + "-" + task + "-T" + h));
        }
      }
      if (!files.isEmpty()) out.put(Experiment.FIGURE_9, files);
    }
    return out;
  }

  private static XYChart chart(String title) {
    XYChart chart = new XYChartBuilder().width(1200).height(560).title(title)
        .xAxisTitle("environment steps (millions), DAgger included").yAxisTitle("average return").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    chart.getStyler().setXAxisDecimalPattern("#,##0.###"); // XChart's own ticks can print 15 digits
    return chart;
  }

  private static String save(XYChart chart, Path dir, String name) throws IOException {
    BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    return dir.getFileName() + "/" + name + ".png";
  }
}
