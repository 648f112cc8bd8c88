package dev.resolute.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.FrameCost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewStateTest {
  private static FrameCost cost(String camera, long frame, double latencyMs, int level, int stride, boolean skipped) {
    return FrameCost.newBuilder().setCameraId(camera).setChunkSequence(frame / 10).setFrameIndex(frame)
        .setDecodeMs(1).setResizeMs(1).setInferenceMs(1).setUpsampleMs(1).setEncodeMs(1).setEndToEndLatencyMs(latencyMs)
        .setInferenceWidth(8).setInferenceHeight(8).setLevel(level).setGflops(1).setMemoryBytes(1).setLagMsAtDecision(frame * 100)
        .setEngine("e").setDevice("cpu").setBatchSize(1).setStride(stride).setSkipped(skipped).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> only(ViewState state) {
    List<Map<String, Object>> cameras = (List<Map<String, Object>>) state.snapshot().get("cameras");
    assertThat(cameras).hasSize(1);
    return cameras.get(0);
  }

  @Test
  void shouldLeaveSkippedFramesOutOfTheLatencyLineButCountThemAndKeepTheirStride() {
    ViewState state = new ViewState();
    state.update("a").addCost(cost("a", 1, 300, 1, 1, false));
    state.update("a").addCost(cost("a", 2, 0, 2, 2, true));

    Map<String, Object> view = only(state);
    Map<String, List<Object>> history = (Map<String, List<Object>>) view.get("history");
    assertThat(history.get("latencyMs")).containsExactly(300.0);
    assertThat(history.get("stride")).containsExactly(1, 2);
    assertThat(history.get("level")).containsExactly(1, 2);
    assertThat(view).containsEntry("skippedFrames", 1L).containsEntry("stride", 2).containsEntry("latencyMs", 300.0)
        .containsEntry("lagSeconds", 0.2).containsEntry("version", 0L);
  }

  @Test
  void shouldKeepOnlyTheLatestHistoryForTheSparklines() {
    ViewState state = new ViewState();
    for (int f = 0; f < CameraView.HISTORY + 50; f++) {
      state.update("a").addCost(cost("a", f, f, 0, 1, false));
    }

    List<Object> latencies = ((Map<String, List<Object>>) only(state).get("history")).get("latencyMs");
    assertThat(latencies).hasSize(CameraView.HISTORY);
    assertThat(latencies.get(0)).isEqualTo(50.0);
  }

  @Test
  void shouldWakeAWaitingStreamOnAChangeAndNotBefore() throws Exception {
    ViewState state = new ViewState();
    long seen = state.awaitChange(-1, 0);

    assertThat(state.awaitChange(seen, 1)).as("nothing changed").isEqualTo(seen);
    state.changed();
    assertThat(state.awaitChange(seen, 60_000)).isEqualTo(seen + 1);
  }
}
