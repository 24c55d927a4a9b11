package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** {@link MinibatchTrainer}'s epochs: the shuffle's permutation, cut in order, each minibatch's inputs gathered, one step each. */
class MinibatchTrainerTest {
  static final int N = 203, WIDTH = 3, MINIBATCH = 64; // 3 full minibatches and a partial one of 11

  @Test
  void anEpochVisitsTheShuffledRowsInMinibatchesWithOneStepEach() {
    double[] inputs = new double[N * WIDTH];
    for (int i = 0; i < inputs.length; i++) inputs[i] = i / WIDTH + 0.25 * (i % WIDTH); // row r holds r, r + 0.25, r + 0.5
    MinibatchTrainer trainer = new MinibatchTrainer(inputs, WIDTH, MINIBATCH, DataType.DOUBLE);
    assertEquals(N, trainer.size());
    int[] order = Shuffle.identity(N), expected = Shuffle.identity(N);
    SplittableRandom rng = new SplittableRandom(7), same = new SplittableRandom(7);
    for (int epoch = 0; epoch < 2; epoch++) {
      List<Integer> sizes = new ArrayList<>();
      List<Integer> visited = new ArrayList<>();
      int[] steps = {0};
      trainer.epoch(order, rng, b -> {
        assertEquals(sizes.size(), steps[0], "one optimiser step after each gradient");
        sizes.add(b.rows());
        assertArrayEquals(new long[] {b.rows(), WIDTH}, b.inputs().shape());
        for (int r = 0; r < b.rows(); r++) {
          visited.add(b.row(r));
          for (int c = 0; c < WIDTH; c++) assertEquals(b.row(r) + 0.25 * c, b.inputs().getDouble(r, c), 0.0, "input of row " + b.row(r));
        }
      }, () -> steps[0]++);
      Shuffle.permute(expected, same);
      assertArrayEquals(expected, order, "the epoch shuffles the caller's permutation with the kernel's draws");
      assertEquals(List.of(64, 64, 64, 11), sizes);
      assertEquals(4, steps[0]);
      assertArrayEquals(order, visited.stream().mapToInt(Integer::intValue).toArray(), "minibatches cut the permutation in order");
    }
  }

  @Test
  void lessDataThanOneMinibatchIsOneMinibatch() {
    MinibatchTrainer trainer = new MinibatchTrainer(new double[5 * WIDTH], WIDTH, MINIBATCH, DataType.FLOAT);
    List<Integer> sizes = new ArrayList<>();
    trainer.epoch(Shuffle.identity(5), new SplittableRandom(1), b -> sizes.add(b.rows()), () -> {});
    assertEquals(List.of(5), sizes);
  }

  @Test
  void rejectsAPermutationOfAnotherSizeAndAnEmptyMinibatch() {
    MinibatchTrainer trainer = new MinibatchTrainer(new double[10 * WIDTH], WIDTH, 4, DataType.FLOAT);
    assertThrows(IllegalArgumentException.class, () -> trainer.epoch(Shuffle.identity(9), new SplittableRandom(1), b -> {}, () -> {}));
    assertThrows(IllegalArgumentException.class, () -> new MinibatchTrainer(new double[10 * WIDTH], WIDTH, 0, DataType.FLOAT));
  }
}
