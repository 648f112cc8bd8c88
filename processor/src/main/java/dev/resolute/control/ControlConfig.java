package dev.resolute.control;

import dev.resolute.config.ConfigException;
import java.time.Duration;

/**
 * Thresholds of the resolution controller; each component is a config key (named by the constants)
 * and is checked here so that a bad value stops start-up with the key's name.
 *
 * @param policy {@value #POLICY}
 * @param startLevel {@value #START_LEVEL}: the fixed policy's level, and where adaptive starts
 * @param highWaterSeconds {@value #HIGH_WATER}: lag above which the controller sizes the level to
 *     drain the backlog within the horizon, stepping down at once
 * @param lowWaterSeconds {@value #LOW_WATER}: lag under which it may step up, after the cool-down
 * @param coolDown {@value #COOL_DOWN}: how long lag must stay under the low-water mark (and since
 *     the last change) before stepping up
 * @param drainHorizon {@value #DRAIN_HORIZON}: the backlog should drain within this
 * @param stepUpHeadroom {@value #HEADROOM}: a higher level must have at least this much spare
 *     capacity over arrivals (0.2 = 20%)
 * @param maxStride {@value #MAX_STRIDE}: at most every n-th frame is processed under overload
 * @param shadowEvery {@value #SHADOW_EVERY}: with headroom, every n-th processed frame also runs at
 *     the top level to estimate quality (0 = never)
 * @param ewmaTime {@value #EWMA_TIME}: time constant of the arrival-rate average
 * @param serviceAlpha {@value #SERVICE_ALPHA}: weight of a new service-time sample in its average
 * @param idleEviction {@value #IDLE_EVICTION}: a camera that sent nothing for this long has its
 *     controller state and metrics dropped; when it returns it starts afresh, with a decision saying so
 * @param costCacheDir {@value #COST_CACHE_DIR}: where measured costs per level are kept across
 *     restarts; null for the user cache ({@code costs} beside the model cache), {@code none} for nowhere
 * @param minQuality {@value #MIN_QUALITY}: a level whose measured quality (IoU against the top
 *     level) is below this is not chosen; a larger stride at a better level is (0 = no floor)
 * @param cameraSeries {@value #CAMERA_SERIES}: at most this many cameras have metrics series of
 *     their own in one process (first come, kept until evicted for idleness); the frames of the
 *     rest count under {@code camera="(other)"}, so a flood of forged ids cannot grow a scrape
 * @param warmUp {@value #WARM_UP_MAX_SIZES} and {@value #WARM_UP_INTERVAL}: how many frame sizes are
 *     warmed up at all, and how often a new one may be; null for the defaults
 */
public record ControlConfig(
    Policy policy,
    int startLevel,
    double highWaterSeconds,
    double lowWaterSeconds,
    Duration coolDown,
    Duration drainHorizon,
    double stepUpHeadroom,
    int maxStride,
    int shadowEvery,
    Duration ewmaTime,
    double serviceAlpha,
    Duration idleEviction,
    String costCacheDir,
    double minQuality,
    int cameraSeries,
    WarmUpLimits warmUp) {

  public static final String POLICY = "resolute.control.policy";
  public static final String START_LEVEL = "resolute.control.start.level";
  public static final String HIGH_WATER = "resolute.control.high.water.seconds";
  public static final String LOW_WATER = "resolute.control.low.water.seconds";
  public static final String COOL_DOWN = "resolute.control.cool.down.ms";
  public static final String DRAIN_HORIZON = "resolute.control.drain.horizon.ms";
  public static final String HEADROOM = "resolute.control.step.up.headroom";
  public static final String MAX_STRIDE = "resolute.control.max.stride";
  public static final String SHADOW_EVERY = "resolute.control.shadow.every";
  public static final String EWMA_TIME = "resolute.control.arrival.ewma.ms";
  public static final String SERVICE_ALPHA = "resolute.control.service.alpha";
  public static final String IDLE_EVICTION = "resolute.control.idle.eviction.ms";
  public static final String COST_CACHE_DIR = "resolute.control.cost.cache.dir";
  public static final String MIN_QUALITY = "resolute.control.min.quality";
  public static final String CAMERA_SERIES = "resolute.control.camera.series";
  /** About 2.4 KB of scrape a camera: 500 keep {@code /metrics} near 1.3 MB, under what a scraper takes in one go. */
  static final int DEFAULT_CAMERA_SERIES = 500;
  public static final String WARM_UP_MAX_SIZES = "resolute.control.warm.up.max.sizes";
  public static final String WARM_UP_INTERVAL = "resolute.control.warm.up.interval.ms";

  public ControlConfig {
    if (policy == null) {
      throw new ConfigException(POLICY, "is required (adaptive or fixed)");
    }
    if (startLevel < 0) {
      throw new ConfigException(START_LEVEL, "must be >= 0, got " + startLevel);
    }
    if (!(highWaterSeconds > 0)) {
      throw new ConfigException(HIGH_WATER, "must be > 0, got " + highWaterSeconds);
    }
    if (!(lowWaterSeconds >= 0 && lowWaterSeconds < highWaterSeconds)) {
      throw new ConfigException(LOW_WATER, "must be >= 0 and below " + HIGH_WATER + " (" + highWaterSeconds + "), got " + lowWaterSeconds);
    }
    requirePositive(COOL_DOWN, coolDown);
    requirePositive(DRAIN_HORIZON, drainHorizon);
    requirePositive(EWMA_TIME, ewmaTime);
    requirePositive(IDLE_EVICTION, idleEviction);
    if (!(stepUpHeadroom >= 0 && stepUpHeadroom <= 5)) {
      throw new ConfigException(HEADROOM, "must be between 0 and 5, got " + stepUpHeadroom);
    }
    if (maxStride < 1 || maxStride > 1000) {
      throw new ConfigException(MAX_STRIDE, "must be between 1 and 1000, got " + maxStride);
    }
    if (shadowEvery < 0) {
      throw new ConfigException(SHADOW_EVERY, "must be >= 0, got " + shadowEvery);
    }
    if (costCacheDir != null && costCacheDir.isBlank()) {
      throw new ConfigException(COST_CACHE_DIR, "must be a directory or 'none', got an empty value");
    }
    if (!(minQuality >= 0 && minQuality <= 1)) {
      throw new ConfigException(MIN_QUALITY, "must be between 0 and 1 (an IoU against the top level), got " + minQuality);
    }
    if (cameraSeries < 0) {
      throw new ConfigException(CAMERA_SERIES, "must be >= 0 (0: no per-camera series), got " + cameraSeries);
    }
    warmUp = warmUp == null ? WarmUpLimits.DEFAULTS : warmUp;
    if (warmUp.maxSizes() < 0) {
      throw new ConfigException(WARM_UP_MAX_SIZES, "must be >= 0 (0: no warm-ups), got " + warmUp.maxSizes());
    }
    if (warmUp.interval() == null || warmUp.interval().isNegative()) {
      throw new ConfigException(WARM_UP_INTERVAL, "must be >= 0, got " + warmUp.interval());
    }
    if (!(serviceAlpha > 0 && serviceAlpha <= 1)) {
      throw new ConfigException(SERVICE_ALPHA, "must be in (0, 1], got " + serviceAlpha);
    }
  }

  /** The thresholds as first released, camera series and warm-ups bounded by the defaults. */
  public ControlConfig(Policy policy, int startLevel, double highWaterSeconds, double lowWaterSeconds, Duration coolDown,
      Duration drainHorizon, double stepUpHeadroom, int maxStride, int shadowEvery, Duration ewmaTime, double serviceAlpha,
      Duration idleEviction, String costCacheDir, double minQuality) {
    this(policy, startLevel, highWaterSeconds, lowWaterSeconds, coolDown, drainHorizon, stepUpHeadroom, maxStride, shadowEvery,
        ewmaTime, serviceAlpha, idleEviction, costCacheDir, minQuality, DEFAULT_CAMERA_SERIES, null);
  }

  /** Tuned in the simulator: bounded lag at 2x overload with few changes, quick return after bursts. */
  public static ControlConfig defaults(Policy policy) {
    return new ControlConfig(policy, 0, 1.0, 0.3, Duration.ofSeconds(10), Duration.ofSeconds(5), 0.2, 8, 25,
        Duration.ofSeconds(2), 0.2, Duration.ofMinutes(10), null, 0, DEFAULT_CAMERA_SERIES, null);
  }

  /**
   * The defaults overridden by {@code resolute.control.*} entries; anything unparsable, out of range
   * or unknown under that prefix fails with the key's name.
   */
  public static ControlConfig from(java.util.Map<String, String> settings) {
    ControlConfig d = defaults(Policy.ADAPTIVE);
    java.util.Set<String> known = java.util.Set.of(POLICY, START_LEVEL, HIGH_WATER, LOW_WATER, COOL_DOWN, DRAIN_HORIZON,
        HEADROOM, MAX_STRIDE, SHADOW_EVERY, EWMA_TIME, SERVICE_ALPHA, IDLE_EVICTION,
        COST_CACHE_DIR, MIN_QUALITY, CAMERA_SERIES, WARM_UP_MAX_SIZES, WARM_UP_INTERVAL);
    for (String key : settings.keySet()) {
      if (key.startsWith("resolute.control.") && !known.contains(key)) {
        throw new ConfigException(key, "unknown key; known keys: " + new java.util.TreeSet<>(known));
      }
    }
    Settings s = new Settings(settings);
    return new ControlConfig(
        s.has(POLICY) ? Policy.parse(settings.get(POLICY)) : d.policy(),
        s.integer(START_LEVEL, d.startLevel()),
        s.number(HIGH_WATER, d.highWaterSeconds()),
        s.number(LOW_WATER, d.lowWaterSeconds()),
        Duration.ofMillis(s.integer(COOL_DOWN, (int) d.coolDown().toMillis())),
        Duration.ofMillis(s.integer(DRAIN_HORIZON, (int) d.drainHorizon().toMillis())),
        s.number(HEADROOM, d.stepUpHeadroom()),
        s.integer(MAX_STRIDE, d.maxStride()),
        s.integer(SHADOW_EVERY, d.shadowEvery()),
        Duration.ofMillis(s.integer(EWMA_TIME, (int) d.ewmaTime().toMillis())),
        s.number(SERVICE_ALPHA, d.serviceAlpha()),
        Duration.ofMillis(s.integer(IDLE_EVICTION, (int) d.idleEviction().toMillis())),
        s.has(COST_CACHE_DIR) ? settings.get(COST_CACHE_DIR).trim() : d.costCacheDir(),
        s.number(MIN_QUALITY, d.minQuality()),
        s.integer(CAMERA_SERIES, d.cameraSeries()),
        new WarmUpLimits(s.integer(WARM_UP_MAX_SIZES, d.warmUp().maxSizes()),
            Duration.ofMillis(s.integer(WARM_UP_INTERVAL, (int) d.warmUp().interval().toMillis()))));
  }

  private record Settings(java.util.Map<String, String> values) {
    boolean has(String key) {
      return values.containsKey(key);
    }

    int integer(String key, int fallback) {
      try {
        return has(key) ? Integer.parseInt(values.get(key).trim()) : fallback;
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "expected a whole number, got '" + values.get(key) + "'");
      }
    }

    double number(String key, double fallback) {
      try {
        return has(key) ? Double.parseDouble(values.get(key).trim()) : fallback;
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "expected a number, got '" + values.get(key) + "'");
      }
    }
  }

  /** {@code --policy} and {@code --level} from a command line: null leaves the configured value. */
  public ControlConfig overriddenBy(String policyFlag, Integer levelFlag) {
    return withPolicy(policyFlag == null ? policy : Policy.parse(policyFlag), levelFlag == null ? startLevel : levelFlag);
  }

  public ControlConfig withPolicy(Policy newPolicy, int level) {
    return new ControlConfig(newPolicy, level, highWaterSeconds, lowWaterSeconds, coolDown, drainHorizon, stepUpHeadroom,
        maxStride, shadowEvery, ewmaTime, serviceAlpha, idleEviction, costCacheDir, minQuality, cameraSeries, warmUp);
  }

  /** Where measured costs are kept: this key's directory, else {@code userCache}; null for nowhere. */
  public java.nio.file.Path costCache(java.nio.file.Path userCache) {
    if ("none".equals(costCacheDir)) {
      return null;
    }
    return costCacheDir == null ? userCache : java.nio.file.Path.of(costCacheDir);
  }

  /** The same thresholds, costs kept in {@code dir} ({@code none}: nowhere). */
  public ControlConfig withCostCacheDir(String dir) {
    return new ControlConfig(policy, startLevel, highWaterSeconds, lowWaterSeconds, coolDown, drainHorizon, stepUpHeadroom,
        maxStride, shadowEvery, ewmaTime, serviceAlpha, idleEviction, dir, minQuality, cameraSeries, warmUp);
  }

  private static void requirePositive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigException(key, "must be a positive duration, got " + value);
    }
  }
}
