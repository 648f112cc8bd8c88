package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
  private long cpu;
  private long wall;

  @Test
  void shouldMeasureTheProcessCpuAgainstWallTimeTimesTheCoresTheWorkCouldUse() {
    CpuMeter meter = new CpuMeter(() -> cpu, () -> wall, 4);
    CpuMeter.Window window = meter.start();
    cpu += 3_000;
    wall += 1_000;

    assertThat(window.share()).isEqualTo(0.75);
    assertThat(CpuMeter.contended(window.share())).isFalse();
    cpu += 600; // 3.6 of 8 core-units: 45%
    wall += 1_000;
    assertThat(CpuMeter.contended(window.share())).isTrue();
  }

  @Test
  void shouldSayNothingWithoutAProcessCpuClockOrElapsedTime() {
    long[] ticking = {0};
    CpuMeter.Window unknown = new CpuMeter(() -> -1, () -> ticking[0]++, 2).start();
    CpuMeter.Window instant = new CpuMeter(() -> cpu, () -> wall, 2).start();
    cpu += 1_000;

    assertThat(unknown.share()).isNaN();
    assertThat(instant.share()).isNaN();
    assertThat(CpuMeter.contended(Double.NaN)).as("unknown is not contended").isFalse();
  }

  @Test
  void shouldRefuseNoCores() {
    assertThatThrownBy(() -> new CpuMeter(() -> 0, () -> 0, 0)).hasMessageContaining("parallelism");
  }
}
