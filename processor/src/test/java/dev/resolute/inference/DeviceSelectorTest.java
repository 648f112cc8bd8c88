package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtProvider;
import dev.resolute.model.RgbSegmenterModel;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceSelectorTest {
  @TempDir Path dir;

  @Test
  void shouldExplainThatTensorRtNeedsAGpuWhenNoneIsVisible() {
    DeviceSelector noGpu = new DeviceSelector(EnumSet.of(OrtProvider.CPU), 0);

    assertThatThrownBy(() -> noGpu.candidates(DeviceChoice.TENSORRT))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessageContaining("--device tensorrt").hasMessageContaining("no NVIDIA GPU");
  }

  @Test
  void shouldExplainThatTheCpuBuildOfOnnxRuntimeHasNoCudaProvider() {
    DeviceSelector gpuButCpuBuild = new DeviceSelector(EnumSet.of(OrtProvider.CPU), 1);

    assertThatThrownBy(() -> gpuButCpuBuild.candidates(DeviceChoice.CUDA))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessageContaining("--device cuda").hasMessageContaining("onnxruntime_gpu");
  }

  @Test
  void shouldTryTensorRtThenCudaThenCpuOnAGpuMachine() {
    DeviceSelector gpu = new DeviceSelector(EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA, OrtProvider.TENSOR_RT), 2);

    assertThat(gpu.candidates(DeviceChoice.AUTO)).extracting(ExecutionTarget::name)
        .containsExactly("tensorrt:0", "cuda:0", "cpu");
  }

  @Test
  void shouldFallBackToTheCpuWithAReasonWithoutAGpu() {
    DeviceSelector noGpu = new DeviceSelector(EnumSet.of(OrtProvider.CPU), 0);

    assertThat(noGpu.candidates(DeviceChoice.AUTO)).extracting(ExecutionTarget::name).containsExactly("cpu");
    assertThat(noGpu.whyNoGpu()).contains("no GPU");
  }

  @Test
  void shouldLoadOnTheCpuWhenAutoFindsNothingBetterOnThisMachine() throws Exception {
    RgbSegmenterModel.writeTo(dir);
    DeviceSelector here = DeviceSelector.probe();
    org.junit.jupiter.api.Assumptions.assumeTrue(here.candidates(DeviceChoice.AUTO).size() == 1,
        "this machine has a GPU provider; the CPU fallback is covered by the cases above");

    try (OnnxModel model = OnnxModel.load(dir, DeviceChoice.AUTO, here, dir.resolve("engines"), false);
        Segmenter segmenter = model.newSegmenter()) {
      assertThat(model.device()).isEqualTo("cpu");
      assertThat(segmenter.device()).isEqualTo("cpu");
    }
  }

  @Test
  void shouldRefuseAnUnknownDeviceName() {
    assertThatThrownBy(() -> DeviceChoice.parse("tpu")).isInstanceOf(DeviceUnavailableException.class)
        .hasMessageContaining("cpu, cuda, tensorrt or auto");
  }
}
