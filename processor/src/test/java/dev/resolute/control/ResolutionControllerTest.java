package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResolutionControllerTest {

  private static Signals overloaded(long nowMs, double arrivalFps) {
    return new Signals(nowMs, 5.0, 20, 200, arrivalFps, 1.0);
  }

  @Test
  void shouldNeverChangeLevelUnderTheFixedPolicy() {
    var controller = new ResolutionController(ControlConfig.defaults(Policy.FIXED).withPolicy(Policy.FIXED, 1),
        new LevelStats(new double[] {100, 50, 25}, 0.2), 0);

    for (int i = 0; i < 50; i++) {
      Decision d = controller.decide(overloaded(i * 1000L, 100));
      assertThat(d.level()).isEqualTo(1);
      assertThat(d.stride()).isEqualTo(1);
      assertThat(d.desiredReplicas()).isEqualTo(10);
    }
  }

  @Test
  void shouldMoveAwayFromALevelThatKeepsFailingAndNeverChooseItAgainUnderEitherPolicy() {
    for (Policy policy : Policy.values()) {
      var controller = new ResolutionController(ControlConfig.defaults(policy),
          new LevelStats(new double[] {100, 50, 25}, 0.2), 0);
      assertThat(controller.decide(new Signals(0, 0.0, 0, 0, 5, 1.0)).level()).isZero();

      controller.levelFailed(0, "2 chunks in a row failed there: out of device memory");
      Decision moved = controller.decide(new Signals(1_000, 0.0, 0, 0, 5, 1.0));

      assertThat(moved.level()).as(policy.id()).isEqualTo(1);
      assertThat(moved.changed()).isTrue();
      assertThat(moved.reason()).contains("level 0 is unusable").contains("out of device memory");
      // the top level cannot count for the autoscaler any more: 5 fps at level 1 (20 fps a thread) needs one instance
      assertThat(moved.desiredReplicas()).isEqualTo(1);
      for (long t = 2_000; t < 120_000; t += 1_000) {
        assertThat(controller.decide(new Signals(t, 0.0, 0, 0, 5, 1.0)).level()).as("%s at %d ms", policy.id(), t).isNotZero();
      }
    }
  }

  @Test
  void shouldSkipALevelThatAnotherIsAsCheapAndBetterThan() {
    LevelStats stats = new LevelStats(new double[] {100, 40, 40, 20}, 0.2);
    for (int i = 0; i < LevelStats.QUALITY_SAMPLES_TO_DOMINATE; i++) {
      stats.observeQuality(1, 0.80);
      stats.observeQuality(2, 0.95);
    }
    var controller = new ResolutionController(ControlConfig.defaults(Policy.ADAPTIVE), stats, 0);

    Decision d = controller.decide(new Signals(0, 0.1, 0, 0, 20, 1.0));

    assertThat(stats.dominated(1)).isTrue();
    assertThat(d.level()).isEqualTo(2);
    assertThat(d.reason()).contains("arrivals exceed capacity");
  }

  @Test
  void shouldNotRuleALevelOutOnASingleUnluckyShadowFrame() {
    LevelStats stats = new LevelStats(new double[] {100, 40, 40, 20}, 0.2);
    stats.observeQuality(1, 0.40);
    stats.observeQuality(2, 0.95);

    assertThat(stats.dominated(1)).isFalse();
  }

  @Test
  void shouldCountDecodeForSkippedFramesWhenSizingTheStride() {
    LevelStats stats = new LevelStats(new double[] {100, 30}, 0.2);
    stats.observeDecode(6);

    // every frame is decoded (6 ms); only every 4th pays the remaining 24 ms
    assertThat(stats.capacityFps(1, 4)).isCloseTo(1000.0 / (6 + 24 / 4.0), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(stats.capacityFps(1, 1)).isCloseTo(1000.0 / 30, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void shouldStepDownAtOnceWhenLagCrossesTheHighWaterMark() {
    var controller = new ResolutionController(ControlConfig.defaults(Policy.ADAPTIVE), new LevelStats(new double[] {100, 50, 25, 10}, 0.2), 0);

    // 9 fps arrive, the top level takes 10: fine until a 40-frame backlog must drain in 5 s
    assertThat(controller.decide(new Signals(0, 0.5, 4, 40, 9, 1.0)).level()).isZero();
    Decision d = controller.decide(new Signals(1000, 1.5, 4, 40, 9, 1.0));

    assertThat(d.changed()).isTrue();
    assertThat(d.level()).isEqualTo(1);
    assertThat(d.reason()).contains("high-water");
  }

  @Test
  void shouldWaitForTheCoolDownBeforeSteppingUp() {
    ControlConfig config = ControlConfig.defaults(Policy.ADAPTIVE);
    var controller = new ResolutionController(config, new LevelStats(new double[] {100, 50, 25, 10}, 0.2), 0);
    controller.decide(overloaded(0, 30)); // 30 fps + 200 frames to drain in 5 s: only level 3 (100 fps) covers 70
    assertThat(controller.level()).isEqualTo(3);

    long coolDown = config.coolDown().toMillis();
    for (long t = 1000; t < coolDown; t += 1000) {
      assertThat(controller.decide(new Signals(t, 0.0, 0, 0, 5, 1.0)).changed()).isFalse();
    }
    Decision up = controller.decide(new Signals(coolDown + 1000, 0.0, 0, 0, 5, 1.0));

    assertThat(up.changed()).isTrue();
    assertThat(up.level()).isZero();
  }

  @Test
  void shouldRefuseAStartLevelOffTheLadderByKeyName() {
    ControlConfig config = ControlConfig.defaults(Policy.FIXED).withPolicy(Policy.FIXED, 7);
    assertThatThrownBy(() -> new ResolutionController(config, new LevelStats(new double[] {10, 5}, 0.2), 0))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(ControlConfig.START_LEVEL);
  }

  @Test
  void shouldRefuseALowWaterMarkAboveTheHighWaterMark() {
    assertThatThrownBy(() -> new ControlConfig(Policy.ADAPTIVE, 0, 1.0, 1.5, Duration.ofSeconds(10), Duration.ofSeconds(5),
        0.2, 8, 25, Duration.ofSeconds(2), 0.2, Duration.ofMinutes(10), null, 0))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(ControlConfig.LOW_WATER);
  }

  @Test
  void shouldPreferALargerStrideAtABetterLevelOverALevelUnderTheQualityFloorAndSayWhy() {
    ControlConfig floor = ControlConfig.from(java.util.Map.of(ControlConfig.MIN_QUALITY, "0.7"));
    LevelStats stats = new LevelStats(new double[] {100, 50, 25}, 0.2);
    stats.adoptQuality(new double[] {1, 0.9, 0.6}); // level 2 segments badly on this camera
    var controller = new ResolutionController(floor, stats, 0);

    // 30 fps: level 2 (40 fps) would carry it at stride 1, level 1 (20 fps) needs every second frame
    Decision d = controller.decide(new Signals(0, 5.0, 0, 0, 30, 1.0));

    assertThat(d.level()).isEqualTo(1);
    assertThat(d.stride()).isEqualTo(2);
    assertThat(d.reason()).contains("level 2's measured quality 0.60 is under the floor 0.70")
        .contains("level 1 x2 instead of level 2 x1");
  }

  @Test
  void shouldLeaveALevelAtOnceWhenItsMeasuredQualityFallsUnderTheFloor() {
    ControlConfig floor = ControlConfig.from(java.util.Map.of(ControlConfig.MIN_QUALITY, "0.7"));
    LevelStats stats = new LevelStats(new double[] {100, 50, 25}, 0.2);
    var controller = new ResolutionController(floor, stats, 0);
    assertThat(controller.decide(new Signals(0, 5.0, 0, 0, 30, 1.0)).level()).as("quality unknown: the ladder decides").isEqualTo(2);

    for (int i = 0; i < LevelStats.QUALITY_SAMPLES_TO_DOMINATE; i++) {
      stats.observeQuality(2, 0.5); // shadow runs at level 2
    }
    Decision d = controller.decide(new Signals(1_000, 0.0, 0, 0, 30, 1.0));

    assertThat(d.changed()).isTrue();
    assertThat(d.level()).isEqualTo(1);
    assertThat(d.stride()).isEqualTo(2);
    assertThat(d.reason()).startsWith("level 2's measured quality 0.50 is under the floor 0.70");
  }

  @Test
  void shouldRejectAQualityFloorOutsideZeroToOne() {
    assertThatThrownBy(() -> ControlConfig.from(java.util.Map.of(ControlConfig.MIN_QUALITY, "1.5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(ControlConfig.MIN_QUALITY);
  }
}
