package dev.resolute.control;

/**
 * Chooses, for each chunk of one camera, the resolution level and frame stride.
 *
 * <p>The adaptive law: keep the highest-quality (not dominated) level whose capacity covers what
 * must be processed. Below the high-water mark that is the arrival rate; above it, arrivals plus
 * draining the backlog within the horizon, and the step down happens at once. Stepping up waits
 * until lag has stayed under the low-water mark for the cool-down and the higher level keeps the
 * headroom over arrivals, so that noise in the estimates cannot make it oscillate. When even the
 * cheapest level cannot keep up, the stride grows: only every k-th frame is processed.
 */
public final class ResolutionController {
  private final ControlConfig config;
  private final LevelStats stats;
  private int level;
  private int stride = 1;
  private long lastChangeMs;
  private long calmSinceMs = -1;
  private boolean first = true;
  private boolean costsArrived;
  private String unusableReason;
  private String resumedReason;

  public ResolutionController(ControlConfig config, LevelStats stats, long nowMs) {
    if (config.startLevel() >= stats.levels()) {
      throw new dev.resolute.config.ConfigException(ControlConfig.START_LEVEL,
          "the model has levels 0.." + (stats.levels() - 1) + ", got " + config.startLevel());
    }
    this.config = config;
    this.stats = stats;
    // without costs nothing says a better level keeps up: the cheapest (last on the ladder) is the
    // one whose first chunk cannot stall the partition, and it measures its own cost
    this.level = config.policy() == Policy.ADAPTIVE && !stats.complete() ? stats.levels() - 1 : config.startLevel();
    this.lastChangeMs = nowMs;
  }

  /**
   * The warm-up's cost of every level, arrived after the camera started on the cheapest: the next
   * decision chooses from the full table at once (new knowledge, not noise, so no cool-down) and
   * is published even if it keeps the level, so the decision topic says when the table arrived.
   */
  public void adoptCosts(double[] table) {
    stats.adopt(table);
    costsArrived = true;
  }

  /**
   * Continues from a decision published earlier (by this instance before a restart, or by the one
   * that owned the camera before a rebalance): the adaptive policy takes its level and stride over
   * if they are usable here; the next decision is published either way, saying where it resumed from.
   */
  public void resume(LastDecision last, long nowMs) {
    boolean fits = last.level() >= 0 && last.level() < stats.levels() && stats.usable(last.level())
        && stats.measured(last.level()) && last.stride() >= 1 && last.stride() <= config.maxStride();
    if (config.policy() == Policy.ADAPTIVE && fits) {
      level = last.level();
      stride = last.stride();
    }
    lastChangeMs = nowMs;
    resumedReason = String.format("resumed from the decision of %s (level %d x%d)", java.time.Instant.ofEpochMilli(last.timeMs()),
        last.level(), last.stride());
  }

  /**
   * The level failed for this camera and will again (the same chunk sizes, the same native
   * failure): it is never chosen again, and the next decision moves away from it, under either
   * policy, with a decision that says why.
   */
  public void levelFailed(int failedLevel, String why) {
    stats.markUnusable(failedLevel);
    if (failedLevel == level) {
      unusableReason = "level " + failedLevel + " is unusable for this camera (" + why + ")";
    }
  }

  public LevelStats stats() {
    return stats;
  }

  public int level() {
    return level;
  }

  public int stride() {
    return stride;
  }

  public Decision decide(Signals s) {
    String resumed = resumedReason;
    resumedReason = null;
    int fromLevel = level;
    int fromStride = stride;
    Decision d = decideFrom(s);
    if (resumed == null) {
      return d;
    }
    // the first decision after a resume is published even if it holds, so the topic says where it went on from
    String reason = d.changed() && !d.reason().startsWith("fixed policy") ? resumed + "; then " + d.reason() : resumed;
    return new Decision(d.level(), d.stride(), true, fromLevel, fromStride, d.requiredFps(), d.capacityFps(),
        d.desiredReplicas(), reason);
  }

  private Decision decideFrom(Signals s) {
    int fromLevel = level;
    int fromStride = stride;
    boolean wasFirst = first;
    first = false;
    double share = s.processingShare() > 0 ? s.processingShare() : 1.0;
    double arrival = s.arrivalFps();
    double drain = arrival + s.backlogFrames() / (config.drainHorizon().toMillis() / 1000.0);
    int desiredReplicas = desiredReplicas(arrival, share);
    if (unusableReason != null) {
      String why = unusableReason;
      unusableReason = null;
      apply(nearestUsable(), s.nowMs());
      return new Decision(level, stride, true, fromLevel, fromStride, arrival, capacity(level, stride, share),
          desiredReplicas, why);
    }
    if (config.policy() == Policy.FIXED) {
      return new Decision(level, 1, wasFirst, fromLevel, fromStride, arrival, capacity(level, 1, share), desiredReplicas,
          wasFirst ? "fixed policy at level " + level : "fixed");
    }

    boolean overHighWater = s.lagSeconds() > config.highWaterSeconds();
    double required = overHighWater ? drain : arrival;
    if (costsArrived) {
      costsArrived = false;
      double wanted = overHighWater ? drain : arrival * (1 + config.stepUpHeadroom());
      Choice chosen = bestCovering(wanted, share);
      String note = floorNote(chosen, wanted, share);
      apply(chosen, s.nowMs());
      return new Decision(level, stride, true, fromLevel, fromStride, wanted, capacity(level, stride, share),
          desiredReplicas, String.format("warm-up done, full cost table: level %d x%d covers %.1f fps%s", level, stride, wanted, note));
    }
    if (belowFloor(level)) {
      // its shadow runs (or the profile) have just shown it: move now, not after a cool-down
      double wanted = Math.max(required, arrival * (1 + config.stepUpHeadroom()));
      Choice chosen = bestCovering(wanted, share);
      String why = String.format("level %d's measured quality %.2f is under the floor %.2f: level %d x%d covers %.1f fps",
          level, stats.quality(level), config.minQuality(), chosen.level, chosen.stride, wanted);
      apply(chosen, s.nowMs());
      return new Decision(level, stride, true, fromLevel, fromStride, wanted, capacity(level, stride, share), desiredReplicas, why);
    }
    String reason = null;
    if (capacity(level, stride, share) < required) {
      Choice down = bestCovering(required, share);
      if (down.level > level || down.stride > stride) {
        reason = String.format("%s: need %.1f fps, level %d x%d gives %.1f%s", overHighWater
            ? String.format("lag %.2fs over high-water %.2fs", s.lagSeconds(), config.highWaterSeconds())
            : "arrivals exceed capacity", required, level, stride, capacity(level, stride, share), floorNote(down, required, share));
        apply(down, s.nowMs());
      }
    }
    if (reason == null) {
      reason = maybeStepUp(s, arrival, share);
    }
    boolean changed = level != fromLevel || stride != fromStride;
    return new Decision(level, stride, changed, fromLevel, fromStride, required, capacity(level, stride, share),
        desiredReplicas, changed ? reason : "hold");
  }

  private String maybeStepUp(Signals s, double arrival, double share) {
    if (s.lagSeconds() >= config.lowWaterSeconds()) {
      calmSinceMs = -1;
      return null;
    }
    if (calmSinceMs < 0) {
      calmSinceMs = s.nowMs();
    }
    long coolDownMs = config.coolDown().toMillis();
    if (s.nowMs() - calmSinceMs < coolDownMs || s.nowMs() - lastChangeMs < coolDownMs || (level == 0 && stride == 1)) {
      return null;
    }
    double wanted = arrival * (1 + config.stepUpHeadroom());
    Choice up = bestCovering(wanted, share);
    if (up.level == level && stride > 1) {
      // a smaller stride at the same level is held down only while it covers arrivals, so half the
      // headroom still leaves a margin against noise; with the whole of it, equal cameras on one
      // thread stayed on both sides of the band for good (8 at 6 fps: four at stride 3, four at 4)
      wanted = arrival * (1 + config.stepUpHeadroom() / 2);
      Choice finer = bestCovering(wanted, share);
      up = finer.level == level && finer.stride < up.stride ? finer : up;
    }
    if (up.level < level || (up.level == level && up.stride < stride)) {
      String reason = String.format("lag under %.2fs for %ds: level %d x%d keeps %.0f%% headroom over %.1f fps%s",
          config.lowWaterSeconds(), coolDownMs / 1000, up.level, up.stride, 100 * config.stepUpHeadroom(), arrival,
          floorNote(up, wanted, share));
      apply(up, s.nowMs());
      return reason;
    }
    return null;
  }

  private record Choice(int level, int stride) {}

  /** The usable level closest to the current one, preferring better quality: the fixed policy's fallback too. */
  private Choice nearestUsable() {
    for (int distance = 1; distance < stats.levels(); distance++) {
      for (int l : new int[] {level - distance, level + distance}) {
        if (l >= 0 && l < stats.levels() && stats.usable(l)) {
          return new Choice(l, stride);
        }
      }
    }
    return new Choice(level, stride); // nothing left: every chunk of this camera is dead-lettered with its reason
  }

  /** Highest-quality usable level covering {@code fps} at stride 1, else the cheapest with the smallest stride. */
  private Choice bestCovering(double fps, double share) {
    return bestCovering(fps, share, true);
  }

  /**
   * @param floor whether levels under the quality floor are left out: then a larger stride at a
   *     better level is preferred over them
   */
  private Choice bestCovering(double fps, double share, boolean floor) {
    for (int l = 0; l < stats.levels(); l++) {
      if (candidate(l, floor) && capacity(l, 1, share) >= fps) {
        return new Choice(l, 1);
      }
    }
    int cheapest = -1;
    for (int l = 0; l < stats.levels(); l++) {
      if (candidate(l, floor) && (cheapest < 0 || stats.serviceMs(l) < stats.serviceMs(cheapest))) {
        cheapest = l;
      }
    }
    if (cheapest < 0) {
      return new Choice(level, stride); // nothing measured yet: the first chunk measures its level
    }
    // every frame is still decoded, so capacity grows slower than the stride: the smallest stride
    // that covers, not fps over the capacity at stride 1
    int k = 1;
    while (k < config.maxStride() && capacity(cheapest, k, share) < fps) {
      k++;
    }
    return new Choice(cheapest, k);
  }

  private boolean candidate(int l, boolean floor) {
    return stats.usable(l) && stats.measured(l) && !stats.dominated(l) && !(floor && belowFloor(l));
  }

  /** Whether the level's trusted quality is under {@code resolute.control.min.quality}. */
  private boolean belowFloor(int l) {
    return config.minQuality() > 0 && stats.qualityTrusted(l) && stats.quality(l) < config.minQuality();
  }

  /** Why the quality floor changed a choice, for the decision's reason; empty when it did not. */
  private String floorNote(Choice chosen, double fps, double share) {
    if (config.minQuality() <= 0) {
      return "";
    }
    Choice without = bestCovering(fps, share, false);
    if (without.equals(chosen)) {
      return "";
    }
    return String.format("; level %d's measured quality %.2f is under the floor %.2f, so level %d x%d instead of level %d x%d",
        without.level, stats.quality(without.level), config.minQuality(), chosen.level, chosen.stride, without.level,
        without.stride);
  }

  private void apply(Choice choice, long nowMs) {
    level = choice.level;
    stride = choice.stride;
    lastChangeMs = nowMs;
    calmSinceMs = -1;
  }

  /** Arriving frames per second covered at this level and stride (skipped frames are still decoded). */
  public double capacity(int atLevel, int atStride, double share) {
    return stats.capacityFps(atLevel, atStride) * share;
  }

  private int desiredReplicas(double arrival, double share) {
    int top = 0;
    while (top < stats.levels() - 1 && !stats.usable(top)) {
      top++; // instances needed to segment every frame at the best level that still works
    }
    double perInstance = capacity(top, 1, share);
    if (!(perInstance > 0)) {
      return 1; // the top level's cost is not known yet
    }
    return Math.max(1, (int) Math.ceil(arrival / perInstance - 1e-9));
  }
}
