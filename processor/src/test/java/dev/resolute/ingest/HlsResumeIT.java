package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import dev.resolute.app.OutputCollector;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.testing.ProcessorUnderTest;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.sources.HlsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live HLS stream whose server drops the connection in the middle of a segment, and so of a GOP,
 * then refuses until the reader's session ends. Ingest reconnects, and FFmpeg reads the playlist's
 * back catalogue again: segments already published, and the one cut short, from its start. Every
 * frame must come out once, through the real broker and topology, and only what the server never
 * sent whole may be missing.
 */
class HlsResumeIT {
  private static final SyntheticScene SCENE = new SyntheticScene(160, 120, 25);
  private static final int SEGMENTS = 8;
  private static final int CUT = 3;
  private static final LiveCameraIngest.Settings FAST_RECONNECT =
      new LiveCameraIngest.Settings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(200));
  @TempDir Path dir;

  @Test
  void shouldPublishEveryFrameOnceAcrossADropInTheMiddleOfAGop() throws Exception {
    List<HlsServer.Segment> segments = segments();
    List<VideoChunk> chunks = Collections.synchronizedList(new ArrayList<>());
    try (ProcessorUnderTest processor = ProcessorUnderTest.start(dir.resolve("processor"), 1)) {
      LiveCameraIngest ingest;
      try (HlsServer server = HlsServer.live(segments, CUT); ChunkPublisher publisher = new ChunkPublisher(processor.bootstrapServers())) {
        ingest = new LiveCameraIngest(new LiveCameraIngest.Spec("dropped", server.url(), Map.of()), FAST_RECONNECT, chunk -> {
          chunks.add(chunk);
          publisher.publish(chunk);
        }, Clock.systemUTC());
        Thread worker = new Thread(ingest, "ingest-dropped");
        worker.start();
        worker.join(120_000); // the playlist ends with ENDLIST after the last segment, and so does the camera
        ingest.stop();
        worker.join(15_000);
        publisher.flush();

        System.out.println("requests: " + server.requests());
        assertThat(server.cut()).as("the server cut segment %d short", CUT).isTrue();
        assertThat(ingest.health().isEnded()).as("ingest read the stream to its end").isTrue();
        verifyFrames(chunks, segments, server.servedWhole());
        assertThat(ingest.health().reconnects()).as("the drop ended a session").isGreaterThanOrEqualTo(1);
      }

      long frames = chunks.stream().mapToLong(ChunkTimeline::newFrames).sum();
      OutputCollector collector = processor.collect(frames, Duration.ofMinutes(3));
      assertThat(collector.deadLetters()).as("dead letters").isEmpty();
      List<Long> indices = collector.masks().stream().filter(m -> m.getCameraId().equals("dropped"))
          .map(SegmentationMask::getFrameIndex).toList();
      assertThat(indices).as("one mask per new frame, none twice").containsExactlyElementsOf(LongStream.range(0, frames).boxed().toList());
      assertThat(collector.costs().stream().filter(c -> c.getCameraId().equals("dropped")).count())
          .as("one cost record per new frame").isEqualTo(frames);
    }
  }

  private static void verifyFrames(List<VideoChunk> chunks, List<HlsServer.Segment> segments, Set<Integer> servedWhole)
      throws Exception {
    List<Long> published = new ArrayList<>();
    synchronized (chunks) {
      for (VideoChunk chunk : chunks) {
        for (int i = ChunkTimeline.firstNewFrame(chunk); i < chunk.getFrameCount(); i++) {
          published.add(ChunkTimeline.ptsMicros(chunk, i));
        }
      }
    }
    Set<Long> sent = new TreeSet<>();
    Set<Long> all = new TreeSet<>();
    for (int i = 0; i < segments.size(); i++) {
      List<Long> pts = framePtsMicros(segments.get(i).file());
      all.addAll(pts);
      if (servedWhole.contains(i)) {
        sent.addAll(pts);
      }
    }
    Set<Long> missing = new TreeSet<>(all);
    missing.removeAll(published);
    System.out.printf("dropped: %d chunks, %d frames published of %d; decode-only per chunk %s; segments served whole %s; "
        + "missing %d%n", chunks.size(), published.size(), all.size(),
        chunks.stream().map(VideoChunk::getDecodeOnlyFrames).toList(), new TreeSet<>(servedWhole), missing.size());

    assertThat(published).as("no frame published twice").doesNotHaveDuplicates();
    assertThat(all).as("every frame published is one the stream has").containsAll(published);
    assertThat(published).as("every frame of every segment the server sent whole").containsAll(sent);
    assertThat(servedWhole).as("the segment cut short was read again after the reconnect").contains(CUT);
    assertThat(chunks).as("the GOP split by the drop was taken again, its published frames for decoding only")
        .anySatisfy(chunk -> assertThat(chunk.getDecodeOnlyFrames()).isPositive());
  }

  private List<HlsServer.Segment> segments() throws Exception {
    List<HlsServer.Segment> segments = TestClips.hlsSegments(Files.createDirectories(dir.resolve("hls")), SCENE, SEGMENTS);
    assertThat(segments).as("segments written").hasSize(SEGMENTS);
    return segments;
  }


  /** Each frame's source time, as ingest's timeline gives it (90 kHz ticks to microseconds). */
  private static List<Long> framePtsMicros(Path segment) throws Exception {
    List<Long> pts = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = VideoSources.open(segment)) {
      int video = grabber.getVideoStream();
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null) {
        try {
          if (packet.stream_index() == video && packet.size() > 0) {
            pts.add(Math.round(ResumeGate.sourcePts(packet) * 1e6 / 90_000));
          }
        } finally {
          av_packet_unref(packet);
        }
      }
    }
    return pts;
  }
}
