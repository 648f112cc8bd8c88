package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecutionTargetTest {

  @Test
  void shouldShareTheCoresOutAmongTheStreamThreadsThatCallOneCpuSession() {
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.CPU, 1, 8, null)).as("one caller: ONNX Runtime's default").isZero();
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.CPU, 2, 2, null)).isEqualTo(1);
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.CPU, 3, 8, null)).isEqualTo(2);
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.CPU, 16, 4, null)).as("never none").isEqualTo(1);
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.CUDA, 4, 8, null)).as("a GPU's session: left alone").isZero();
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.TENSORRT, 4, 8, " ")).isZero();
  }

  @Test
  void shouldLetThePropertyWinAndNameItWhenItIsWrong() {
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.CPU, 4, 8, "3")).isEqualTo(3);
    assertThat(ExecutionTarget.intraOpThreads(DeviceChoice.CUDA, 1, 8, "2")).isEqualTo(2);
    assertThatThrownBy(() -> ExecutionTarget.intraOpThreads(DeviceChoice.CPU, 1, 8, "two"))
        .hasMessageContaining("resolute.ort.intra.op.threads").hasMessageContaining("two");
    assertThatThrownBy(() -> ExecutionTarget.intraOpThreads(DeviceChoice.CPU, 1, 8, "0"))
        .hasMessageContaining("resolute.ort.intra.op.threads");
  }

  @Test
  void shouldKeepOnnxRuntimesThreadsFromSpinningUnlessAsked() {
    assertThat(ExecutionTarget.spinning(null)).isFalse();
    assertThat(ExecutionTarget.spinning("")).isFalse();
    assertThat(ExecutionTarget.spinning("true")).isTrue();
    assertThat(ExecutionTarget.spinning("false")).isFalse();
    assertThatThrownBy(() -> ExecutionTarget.spinning("yes")).hasMessageContaining("resolute.ort.spinning").hasMessageContaining("yes");
  }
}
