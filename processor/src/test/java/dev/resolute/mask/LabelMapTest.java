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
  void shouldCountRunsOfEightAndMixedGroupsAlike() {
    byte[] labels = new byte[8 * 5 + 3];
    // a group of eights all 2, one mixed group, one all 0, one all 3 but its last, one all 1; a tail of 3s
    java.util.Arrays.fill(labels, 0, 8, (byte) 2);
    for (int i = 8; i < 16; i++) {
      labels[i] = (byte) (i % 4);
    }
    java.util.Arrays.fill(labels, 24, 31, (byte) 3);
    java.util.Arrays.fill(labels, 32, 40, (byte) 1);
    java.util.Arrays.fill(labels, 40, 43, (byte) 3);

    LabelMap map = LabelMap.counted(43, 1, labels, 4);

    assertThat(map.classCounts()).containsExactly(2L + 8 + 1, 2L + 8, 8L + 2, 2L + 7 + 3);
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
