package org.gposuite.reproduce.plan;

/**
 * The paper's tables and figures the harness regenerates. Tables 1/2 and Fig. 3a/5 need cells of
 * their own; Table 3 (wall-clock), Figs. 4 and 8 (learning curves) and Fig. 6 (final policies) are read
 * off the Table 1/2 cells; Figs. 7, 9 and 10 run at budgets of their own ({@link VariantFigures}).
 */
public enum Experiment {
  TABLE_1("1", "Table 1 (PPO)"),
  TABLE_2("2", "Table 2 (A2C)"),
  TABLE_3("3", "Table 3 (wall-clock, from the Table 1 PPO cells)"),
  FIGURE_3A("3a", "Figure 3a (state-space vs parameter-space crossover)"),
  FIGURE_4("4", "Figure 4 (PPO learning curves, from the Table 1 cells)"),
  FIGURE_5("5", "Figure 5 (ablations, PPO)"),
  FIGURE_6("6", "Figure 6 (every final policy: GPO's population vs Single's policies, from the Table 1 cells)"),
  FIGURE_7("7", "Figure 7 (GPO population sizes, same batch and gradient steps per policy)"),
  FIGURE_8("8", "Figure 8 (A2C learning curves, from the Table 2 cells)"),
  FIGURE_9("9", "Figure 9 (GPO vs Joint on Gym's tasks at two horizons, PPO)"),
  FIGURE_10("10", "Figure 10 (GPO population sizes at equal total steps)");

  private final String number;
  private final String title;

  Experiment(String number, String title) {
    this.number = number;
    this.title = title;
  }

  public String number() {
    return number;
  }

  public String title() {
    return title;
  }

  public boolean isTable() {
    return this == TABLE_1 || this == TABLE_2 || this == TABLE_3;
  }

  public static Experiment table(String number) {
    return find(number, true);
  }

  public static Experiment figure(String number) {
    return find(number, false);
  }

  private static Experiment find(String number, boolean table) {
    for (Experiment e : values()) {
      if (e.isTable() == table && e.number.equalsIgnoreCase(number.trim())) return e;
    }
    throw new IllegalArgumentException("unknown " + (table ? "table" : "figure") + " \"" + number
        + "\"; use " + (table ? "1, 2, 3" : "3a, 4, 5, 6, 7, 8, 9, 10"));
  }
}
