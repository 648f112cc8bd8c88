package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.sources.MjpegServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A camera serving multipart JPEGs over HTTP at 10 fps, with no timestamps: FFmpeg's demuxer
 * stamps them at 25 fps, so frames must be timed by arrival for the chunks, capture times and the
 * probe to run at the camera's rate rather than FFmpeg's. Timing bounds are wide: they tell 100 ms
 * from 40 ms apart, not scheduling jitter.
 */
class MjpegArrivalClockIT {
  private static final double FPS = 10;

  @Test
  void framesAreTimedByArrivalAndChunksCloseOnWallTime() throws Exception {
    List<VideoChunk> chunks = Collections.synchronizedList(new ArrayList<>());
    List<Long> receivedAtMs = Collections.synchronizedList(new ArrayList<>());
    try (MjpegServer camera = MjpegServer.start(FPS)) {
      LiveCameraIngest ingest = new LiveCameraIngest(new LiveCameraIngest.Spec("doorbell", camera.url(), Map.of()),
          LiveCameraIngest.Settings.DEFAULT, chunk -> {
            receivedAtMs.add(System.currentTimeMillis());
            chunks.add(chunk);
          }, Clock.systemUTC());
      Thread worker = new Thread(ingest, "ingest-doorbell");
      worker.start();
      Thread.sleep(7_000);
      ingest.stop();
      worker.join(15_000);
    }

    // the chunk open at the stop is cut short: only whole chunks say how long a chunk runs
    List<VideoChunk> whole = List.copyOf(chunks).subList(0, chunks.size() - 1);
    assertThat(whole).as("chunks in 7 s").hasSizeGreaterThanOrEqualTo(4);
    List<Long> ptsSteps = new ArrayList<>();
    List<Long> captureSteps = new ArrayList<>();
    long previousPts = Long.MIN_VALUE;
    long previousCapture = Long.MIN_VALUE;
    for (int i = 0; i < whole.size(); i++) {
      VideoChunk chunk = whole.get(i);
      // a chunk closes at the first keyframe (every JPEG is one) 1 s of wall time after it opened: 10 frames, not 25
      assertThat(chunk.getFrameCount()).as("frames in chunk %d", i).isBetween(6, 14);
      for (long pts : chunk.getFramePtsMicros()) {
        long captureMs = chunk.getCaptureTimeMs()
            + Math.round((pts - chunk.getFirstPtsMicros()) / 1000.0 * chunk.getCaptureTimeScale());
        if (previousPts != Long.MIN_VALUE) {
          ptsSteps.add(pts - previousPts);
          captureSteps.add(captureMs - previousCapture);
        }
        previousPts = pts;
        previousCapture = captureMs;
      }
      long lastCaptureMs = chunk.getCaptureTimeMs() + Math.round(
          (chunk.getFramePtsMicros().get(chunk.getFrameCount() - 1) - chunk.getFirstPtsMicros()) / 1000.0 * chunk.getCaptureTimeScale());
      // on FFmpeg's 25 fps clock the capture times fell 60 ms further behind with every frame (5 s after 12 s)
      assertThat(receivedAtMs.get(i) - lastCaptureMs).as("latency of chunk %d's last frame, ms", i).isBetween(0L, 1_500L);
      List<DecodedFrame> frames = new ChunkDecoder().decode(chunk);
      assertThat(frames).as("chunk %d decodes on its own", i).hasSize(chunk.getFrameCount());
      assertThat(frames.get(0).width()).isEqualTo(320);
    }
    assertThat(median(ptsSteps)).as("median frame step in source time, µs").isBetween(70_000L, 130_000L);
    assertThat(median(captureSteps)).as("median frame step in capture time, ms").isBetween(70L, 130L);
    assertThat(captureSteps).as("capture times never run backwards").allSatisfy(step -> assertThat(step).isNotNegative());
  }

  @Test
  void probeSaysTheSourceRunsOnTheArrivalClockAndMeasuresItsRealRate() throws Exception {
    try (MjpegServer camera = MjpegServer.start(FPS)) {
      SourceProbe probe = SourceProbe.ofLive(camera.url(), Map.of(), Duration.ofSeconds(4));
      assertThat(probe.container()).isEqualTo("mpjpeg");
      assertThat(probe.arrivalClock()).isTrue();
      assertThat(probe.measuredFps()).as("frames per wall second").isBetween(7.0, 13.0);
      assertThat(probe.medianIntervalMicros()).isBetween(70_000L, 130_000L);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
