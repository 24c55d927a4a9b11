package org.gposuite.reproduce.report;

import java.util.List;
import java.util.Map;

/**
 * Fig. 5's bars: each scored variant's mean return over GPO's, averaged over {@code tasks}. As the
 * report's table gives them ({@link AblationVerdicts}): every task of the figure once every variant has
 * run on each, until then the tasks every variant has reached.
 */
public record AblationBars(List<String> tasks, Map<String, Double> scores) {}
