package org.gposuite.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the package's networks read: observations {@code [n, obsDim]}, normalised by a policy's
 * {@link ObsNormalizer} (a network's own, or the policy's it serves). Every entry point of the
 * policy, its value baseline and pi_S checks the shape here, and the normalised copies an entry
 * point keeps live here, one buffer per batch size, so a loop over one batch size allocates nothing.
 */
final class NetworkInput {
  private final String owner;
  private final int obsDim;
  private final DataType dtype;
  private final ObsNormalizer normalizer;
  private final Map<Long, INDArray> buffers = new HashMap<>();

  /** @param owner the network's class, named in the errors */
  NetworkInput(String owner, int obsDim, DataType dtype, ObsNormalizer normalizer) {
    if (normalizer.dim() != obsDim) throw new IllegalArgumentException(owner + ": normaliser dim " + normalizer.dim() + " != obsDim " + obsDim);
    this.owner = owner;
    this.obsDim = obsDim;
    this.dtype = dtype;
    this.normalizer = normalizer;
  }

  ObsNormalizer normalizer() { return normalizer; }

  /** {@code obs} itself, once it is {@code [n, obsDim]}; {@code where} names the entry point in the error. */
  INDArray checked(String where, INDArray obs) {
    if (obs.rank() != 2 || obs.size(1) != obsDim)
      throw new IllegalArgumentException(owner + "." + where + ": expected observations [n, " + obsDim + "], got " + Arrays.toString(obs.shape()));
    return obs;
  }

  /** {@code rawObs} normalised into this input's buffer for its row count: valid until the next call with as many rows. */
  INDArray normalizedInBuffer(String where, INDArray rawObs) {
    INDArray in = buffers.computeIfAbsent(checked(where, rawObs).size(0), n -> Nd4j.create(dtype, n, obsDim));
    return normalizer.normalizeInto(rawObs, in);
  }

  /** {@code rawObs} normalised into a new array, for a caller that keeps it. */
  INDArray normalizedCopy(String where, INDArray rawObs) {
    return normalizer.normalizeInto(checked(where, rawObs), Nd4j.create(dtype, rawObs.size(0), obsDim));
  }
}
