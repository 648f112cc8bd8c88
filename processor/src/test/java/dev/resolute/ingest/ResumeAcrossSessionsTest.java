package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sessions of one MPEG-TS stream with B-frames, read through the same session start, cutter and
 * stamper as a live camera: the first drops in the middle of a GOP, the second reads the stream
 * again from its start, as FFmpeg's HLS demuxer re-reads a live playlist's back catalogue.
 */
class ResumeAcrossSessionsTest {
  private static final SyntheticScene SCENE = new SyntheticScene(64, 48, 25);
  private static final int FRAMES = 100;
  @TempDir Path dir;

  @Test
  void shouldPublishEveryFrameOnceAcrossADropInsideAGop() throws Exception {
    Path clip = dir.resolve("bframes.ts");
    TestClips.write(clip, "mpegts", "mpeg4", SCENE, TestClips.evenlySpaced(FRAMES, 40_000), SCENE.fps(), 25, Map.of(), Map.of("bf", "2"));
    List<VideoChunk> chunks = new ArrayList<>();
    ChunkStamper stamper = new ChunkStamper("cam", chunks::add);

    ResumePoint afterFirst = session(clip, stamper, null, 37); // 37 packets: the drop falls in the second GOP
    int firstSessionChunks = chunks.size();
    ResumePoint afterSecond = session(clip, stamper, afterFirst, Integer.MAX_VALUE);

    List<Long> published = new ArrayList<>();
    for (VideoChunk chunk : chunks) {
      for (int i = ChunkTimeline.firstNewFrame(chunk); i < chunk.getFrameCount(); i++) {
        published.add(ChunkTimeline.ptsMicros(chunk, i));
      }
    }
    Set<Long> firstSession = new HashSet<>();
    chunks.subList(0, firstSessionChunks).forEach(c -> firstSession.addAll(c.getFramePtsMicros()));
    long resumeMicros = Math.round(afterFirst.lastPts() * 1e6 / 90_000); // chunks keep the source's times
    Set<Long> all = new TreeSet<>(ptsOfEveryFrame(clip));
    Set<Long> lost = new TreeSet<>();
    all.stream().filter(p -> p <= resumeMicros && !firstSession.contains(p)).forEach(lost::add);

    assertThat(published).as("no frame published twice").doesNotHaveDuplicates();
    assertThat(new TreeSet<>(published)).as("every frame but B-frames the drop cut off before their P-frame")
        .isEqualTo(difference(all, lost));
    assertThat(lost).as("at most the two B-frames of the first session's last P-frame").hasSizeLessThanOrEqualTo(2);
    assertThat(afterSecond.lastPts()).isGreaterThan(afterFirst.lastPts());

    VideoChunk resumed = chunks.get(firstSessionChunks);
    System.out.printf("first session: %d chunks, resumed chunk: %d frames, %d decode-only; lost %s%n", firstSessionChunks,
        resumed.getFrameCount(), resumed.getDecodeOnlyFrames(), lost);
    assertThat(resumed.getDecodeOnlyFrames()).as("the drop fell inside a GOP").isPositive();
    assertThat(resumed.getDecodeOnlyFrames()).as("the second GOP's frames published before the drop, or lost then")
        .isEqualTo(firstSession.stream().filter(p -> p >= resumed.getFirstPtsMicros()).count() + lost.size());
    long[] indices = chunks.stream().flatMapToLong(c -> LongStream.range(ChunkTimeline.firstNewFrameIndex(c),
        ChunkTimeline.nextFrameIndex(c))).toArray();
    assertThat(indices).as("new frames numbered without gaps or repeats").isEqualTo(LongStream.range(0, published.size()).toArray());
    List<DecodedFrame> decoded = new ChunkDecoder().decode(resumed);
    assertThat(decoded).as("the resumed chunk decodes whole, decode-only frames included").hasSize(resumed.getFrameCount());
    assertThat(decoded.get(resumed.getDecodeOnlyFrames()).frameIndex()).isEqualTo(ChunkTimeline.firstNewFrameIndex(resumed));
    assertThat(chunks).allSatisfy(c -> assertThat(ResumePoint.of(c.getSourceClock())).isNotNull());
  }

  /** Reads up to {@code packets} video packets into chunks, then ends as a dropped connection does. */
  private static ResumePoint session(Path clip, ChunkStamper stamper, ResumePoint from, int packets) throws Exception {
    ResumePoint[] last = {from};
    try (FFmpegFrameGrabber grabber = VideoSources.open(clip)) {
      AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
      StreamInfo info = StreamInfo.of(stream);
      CaptureClock capture = CaptureClock.fileRead(Clock.systemUTC());
      try (KeyframeCutter cutter = new KeyframeCutter(stream, info, 1.0, Double.POSITIVE_INFINITY, payload -> {
            last[0] = ResumePoint.of(stream, payload.lastSourcePts());
            stamper.emit(payload, info, capture, last[0].toRecord());
          });
          SessionStart start = new SessionStart("cam", "mpegts", from, cutter)) {
        AVPacket packet;
        int read = 0;
        while (read < packets && (packet = grabber.grabPacket()) != null) {
          try {
            if (packet.stream_index() == stream.index()) {
              start.accept(packet);
              read++;
            }
          } finally {
            av_packet_unref(packet);
          }
        }
        cutter.finish();
      }
    }
    return last[0];
  }

  private static List<Long> ptsOfEveryFrame(Path clip) throws Exception {
    List<VideoChunk> chunks = TestClips.cut(clip, stream -> { }).chunks();
    return chunks.stream().flatMap(c -> c.getFramePtsMicros().stream()).toList();
  }

  private static Set<Long> difference(Set<Long> all, Set<Long> lost) {
    Set<Long> rest = new TreeSet<>(all);
    rest.removeAll(lost);
    return rest;
  }
}
