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

  @SuppressWarnings("unchecked")
  private static List<String> ids(ViewState state) {
    return ((List<Map<String, Object>>) state.snapshot().get("cameras")).stream().map(c -> (String) c.get("id")).toList();
  }

  @Test
  void shouldDropTheLeastRecentlyUpdatedCameraBeyondTheBound() {
    long[] now = {0};
    ViewState state = new ViewState(() -> now[0], 3);
    for (String id : List.of("a", "b", "c")) {
      state.update(id);
    }
    state.update("a"); // a is fresh again: b is the stalest
    state.update("d");

    assertThat(ids(state)).containsExactly("a", "c", "d");
    assertThat(state.find("b")).isNull();
  }

  @Test
  void shouldForgetACameraIdleLongerThanTheBoundAndWakeTheStreams() throws Exception {
    long[] now = {0};
    ViewState state = new ViewState(() -> now[0], 10);
    state.update("quiet");
    now[0] = ViewState.IDLE_NANOS / 2;
    state.update("busy");
    long seen = state.awaitChange(-1, 0);

    now[0] = ViewState.IDLE_NANOS + 1;
    state.evictIdle();

    assertThat(ids(state)).containsExactly("busy");
    assertThat(state.awaitChange(seen, 0)).as("the eviction is a change").isGreaterThan(seen);
  }

  @Test
  void shouldKeepEveryCameraNamedLikeAnObjectsOwnProperty() {
    ViewState state = new ViewState();
    for (String id : List.of("constructor", "__proto__", "toString", "hasOwnProperty")) {
      state.update(id).addCost(cost(id, 1, 10, 0, 1, false));
    }

    assertThat(ids(state)).containsExactly("__proto__", "constructor", "hasOwnProperty", "toString");
  }

  @Test
  void shouldMakeTheEventOncePerChangeForEveryStream() throws Exception {
    ViewState state = new ViewState();
    state.update("a");
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    byte[] first = state.event(json);

    assertThat(state.event(json)).as("no change: the same bytes").isSameAs(first);
    state.update("b");
    state.changed();
    assertThat(new String(state.event(json), java.nio.charset.StandardCharsets.UTF_8)).startsWith("data: ").contains("\"b\"");
  }
}
