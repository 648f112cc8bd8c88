package dev.resolute.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/** Camera ids that the default partitioner spreads one to a partition, so each camera is a task of its own. */
public final class DistinctPartitions {
  private DistinctPartitions() {}

  /** {@code n} ids {@code cam-<i>} on the {@code n} different partitions of a topic of {@code n}. */
  public static List<String> cameras(int n) {
    List<String> chosen = new ArrayList<>();
    boolean[] taken = new boolean[n];
    for (int i = 0; chosen.size() < n; i++) {
      String id = "cam-" + i;
      int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % n;
      if (!taken[partition]) {
        taken[partition] = true;
        chosen.add(id);
      }
    }
    return chosen;
  }
}
