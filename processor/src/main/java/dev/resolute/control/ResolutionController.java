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
      apply(bestCovering(wanted, share), s.nowMs());
      return new Decision(level, stride, true, fromLevel, fromStride, wanted, capacity(level, stride, share),
          desiredReplicas, String.format("warm-up done, full cost table: level %d x%d covers %.1f fps", level, stride, wanted));
    }
    String reason = null;
    if (capacity(level, stride, share) < required) {
      Choice down = bestCovering(required, share);
      if (down.level > level || down.stride > stride) {
        reason = String.format("%s: need %.1f fps, level %d x%d gives %.1f", overHighWater
            ? String.format("lag %.2fs over high-water %.2fs", s.lagSeconds(), config.highWaterSeconds())
            : "arrivals exceed capacity", required, level, stride, capacity(level, stride, share));
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
    if (up.level < level || (up.level == level && up.stride < stride)) {
      String reason = String.format("lag under %.2fs for %ds: level %d x%d keeps %.0f%% headroom over %.1f fps",
          config.lowWaterSeconds(), coolDownMs / 1000, up.level, up.stride, 100 * config.stepUpHeadroom(), arrival);
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
    for (int l = 0; l < stats.levels(); l++) {
      if (stats.usable(l) && stats.measured(l) && !stats.dominated(l) && capacity(l, 1, share) >= fps) {
        return new Choice(l, 1);
      }
    }
    return cheapestWithStride(fps, share);
  }

  private Choice cheapestWithStride(double fps, double share) {
    int cheapest = -1;
    for (int l = 0; l < stats.levels(); l++) {
      if (stats.usable(l) && stats.measured(l) && !stats.dominated(l)
          && (cheapest < 0 || stats.serviceMs(l) < stats.serviceMs(cheapest))) {
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
