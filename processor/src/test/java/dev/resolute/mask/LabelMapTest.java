package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelMapTest {

  @Test
  void shouldCountEveryLabelIncludingThoseAfterTheLastGroupOfFour() {
    byte[] labels = {0, 1, 1, 2, 3, 3, 3, 2, 2, 1, 3};

    LabelMap map = LabelMap.counted(11, 1, labels, 4);

    assertThat(map.classCounts()).containsExactly(1L, 3L, 3L, 4L);
  }

  @Test
  void shouldLeaveOutLabelsFromClassesItWasNotAskedFor() {
    LabelMap map = LabelMap.counted(3, 2, new byte[] {0, 5, 1, 1, (byte) 200, 0}, 2);

    assertThat(map.classCounts()).containsExactly(2L, 2L);
  }

  @Test
  void shouldCountAnEmptyMapAsNothing() {
    assertThat(LabelMap.counted(0, 0, new byte[0], 3).classCounts()).containsExactly(0L, 0L, 0L);
  }
}
