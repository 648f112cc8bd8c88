package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testing.ProcessorUnderTest;
import dev.resolute.testkit.sources.LiveSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live sources as IP cameras and streaming servers send them, through live ingest, a real broker
 * and the real topology: H.264 with B-frames and a 2 s GOP over RTSP (no decode times on the
 * wire), HLS (parameter sets in-band, 2 s MPEG-TS segments over HTTP) and an endless MPEG-TS over
 * HTTP. Every frame ingested must come out as exactly one mask, in order, with its own time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFormatsIT {
  private static final Duration STREAMING = Duration.ofSeconds(8);

  @TempDir static Path dir;
  private final Map<String, List<VideoChunk>> published = new LinkedHashMap<>();
  private ProcessorUnderTest processor;
  private OutputCollector collector;

  @BeforeAll
  void streamEverySourceThroughTheProcessor() throws Exception {
    processor = ProcessorUnderTest.start(dir, 3);
    try (LiveSource rtsp = LiveSource.rtspWithBFrames(); LiveSource hls = LiveSource.hls();
        LiveSource ts = LiveSource.mpegTsOverHttp(); ChunkPublisher publisher = new ChunkPublisher(processor.bootstrapServers())) {
      Map<String, String> cameras = Map.of("rtsp-bframes", rtsp.url(), "hls", hls.url(), "mpegts-http", ts.url());
      List<LiveCameraIngest> ingests = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      cameras.forEach((camera, url) -> {
        List<VideoChunk> chunks = Collections.synchronizedList(new ArrayList<>());
        published.put(camera, chunks);
        LiveCameraIngest ingest = new LiveCameraIngest(new LiveCameraIngest.Spec(camera, url, Map.of()),
            LiveCameraIngest.Settings.DEFAULT, chunk -> {
              chunks.add(chunk);
              publisher.publish(chunk);
            }, Clock.systemUTC());
        ingests.add(ingest);
        threads.add(new Thread(ingest, "ingest-" + camera));
      });
      threads.forEach(Thread::start);
      Thread.sleep(STREAMING.toMillis());
      ingests.forEach(LiveCameraIngest::stop);
      for (Thread thread : threads) {
        thread.join(20_000);
      }
      publisher.flush();
    }

    long expected = published.values().stream().flatMap(List::stream).mapToLong(VideoChunk::getFrameCount).sum();
    collector = processor.collect(expected, Duration.ofMinutes(3));
  }

  @AfterAll
  void tearDown() {
    if (processor != null) {
      processor.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtsp-bframes", "hls", "mpegts-http"})
  void shouldMaskEveryIngestedFrameOnceInOrderWithItsOwnTime(String camera) {
    List<VideoChunk> chunks = published.get(camera);
    long frames = chunks.stream().mapToLong(VideoChunk::getFrameCount).sum();
    assertThat(chunks).as("chunks from %s", camera).hasSizeGreaterThanOrEqualTo(2);
    assertThat(collector.deadLetters()).as("dead letters").isEmpty();

    List<SegmentationMask> masks = collector.masks().stream().filter(m -> m.getCameraId().equals(camera)).toList();
    List<FrameCost> costs = collector.costs().stream().filter(c -> c.getCameraId().equals(camera)).toList();
    assertThat(masks).extracting(SegmentationMask::getFrameIndex).as("one mask per frame, in order")
        .containsExactlyElementsOf(LongStream.range(0, frames).boxed().toList());
    assertThat(costs).hasSize((int) frames);
    System.out.printf("%s: %d chunks, %d frames ingested, %d masks%n", camera, chunks.size(), frames, masks.size());
    for (int i = 1; i < masks.size(); i++) {
      assertThat(masks.get(i).getPtsMicros()).as("%s mask %d pts", camera, i).isGreaterThan(masks.get(i - 1).getPtsMicros());
      assertThat(masks.get(i).getCaptureTimeMs()).isGreaterThanOrEqualTo(masks.get(i - 1).getCaptureTimeMs());
    }
    assertThat(masks).allSatisfy(m -> assertThat(m.getSourceWidth() + "x" + m.getSourceHeight()).isEqualTo("320x240"));
    // 25 fps on the wire: consecutive frames are 40 ms apart in source time, B-frames reordered back, and
    // none went missing on the way (a lost one would leave an 80 ms step); the last chunk is left out, as
    // the stop cut it after a P-frame whose B-frames had not arrived
    long lastChunk = chunks.get(chunks.size() - 1).getSequence();
    List<Long> steps = new ArrayList<>();
    for (int i = 1; i < masks.size(); i++) {
      if (masks.get(i).getChunkSequence() != lastChunk) {
        steps.add(masks.get(i).getPtsMicros() - masks.get(i - 1).getPtsMicros());
      }
    }
    assertThat(steps).as("%s steps between consecutive masks", camera).isNotEmpty()
        .allSatisfy(step -> assertThat(step).isCloseTo(40_000L, org.assertj.core.data.Offset.offset(1_000L)));
  }
}
