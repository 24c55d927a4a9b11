package org.gposuite.reproduce.visitation;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.StateVisitation.Role;

/**
 * Fig. 3b's analysis of one crossover: the four policies' stored high-reward states, each thinned to
 * the same number of points and standardised together, then embedded (t-SNE, and PCA as a linear
 * second view) and compared (k-NN separation between every two policies, in the standardised space).
 * Equal counts give each policy the same weight in the standardisation, the embedding and the
 * separation's null value.
 */
public final class CrossoverMap {
  /**
   * Points per policy: 4 x 500 = 2,000 states make the exact t-SNE a few seconds and its picture
   * readable; a policy with fewer stored states gives every policy its count.
   */
  public static final int POINTS_PER_POLICY = 500;

  private final List<List<double[]>> points; // standardised, in Role order
  private final int dimension;

  private CrossoverMap(List<List<double[]>> points) {
    this.points = points;
    this.dimension = points.get(0).get(0).length;
  }

  /** Throws if a panel has no stored states (a cell written before raw states were stored: {@link StateVisitation.Crossover#hasStates()}). */
  public static CrossoverMap of(StateVisitation.Crossover c) {
    if (!c.hasStates()) throw new IllegalArgumentException("crossover " + c.pair() + " has no stored states to map");
    if (c.panels().size() != Role.values().length) throw new IllegalArgumentException("crossover " + c.pair() + " has " + c.panels().size() + " panels");
    int m = POINTS_PER_POLICY;
    for (StateVisitation.Panel p : c.panels()) m = Math.min(m, p.points().size());
    List<List<double[]>> thinned = new ArrayList<>();
    List<double[]> pool = new ArrayList<>();
    for (StateVisitation.Panel p : c.panels()) {
      List<double[]> s = new ArrayList<>(m);
      // Evenly spread over the stored points, which are in (rollout, time) order: every kept rollout contributes.
      for (int k = 0; k < m; k++) s.add(p.points().get((int) ((long) k * p.points().size() / m)));
      thinned.add(s);
      pool.addAll(s);
    }
    Standardization z = Standardization.fit(pool);
    List<List<double[]>> standardised = new ArrayList<>();
    for (List<double[]> s : thinned) standardised.add(s.stream().map(z::apply).toList());
    return new CrossoverMap(List.copyOf(standardised));
  }

  public int pointsPerPolicy() {
    return points.get(0).size();
  }

  public int dimension() {
    return dimension;
  }

  /** {@code role}'s standardised points. */
  public List<double[]> points(Role role) {
    return points.get(role.ordinal());
  }

  /** All four policies' standardised points, policy after policy in Role order (role r's are [r m, (r + 1) m)). */
  public List<double[]> pooled() {
    List<double[]> out = new ArrayList<>();
    points.forEach(out::addAll);
    return out;
  }

  public Tsne.Embedding tsne(Tsne.Config config) {
    return Tsne.embed(pooled(), config);
  }

  public Pca pca() {
    return Pca.fit(pooled());
  }

  /** The k-NN separation ({@link KnnSeparation}, k = {@link KnnSeparation#K}) of every two policies. */
  public Separations separations() {
    int r = Role.values().length;
    double[][] s = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = i + 1; j < r; j++) {
        s[i][j] = s[j][i] = KnnSeparation.of(points.get(i), points.get(j), KnnSeparation.K).separation();
      }
    }
    return new Separations(s);
  }

  /**
   * The separation between every two policies of a crossover, indexed by Role ordinal (0 on the diagonal).
   * Fig. 3b's question in numbers: is the state-space child's cloud closer to its parents' than the
   * parameter-space child's is ({@link #stateChildCloser()})?
   */
  public record Separations(double[][] value) {
    public double between(Role a, Role b) {
      return value[a.ordinal()][b.ordinal()];
    }

    /** Mean separation of {@code child}'s states from parent A's and from parent B's. */
    public double fromParents(Role child) {
      return (between(child, Role.PARENT_A) + between(child, Role.PARENT_B)) / 2;
    }

    public boolean stateChildCloser() {
      return fromParents(Role.STATE_SPACE_CHILD) < fromParents(Role.PARAMETER_SPACE_CHILD);
    }
  }
}
