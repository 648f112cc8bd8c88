package dev.resolute.ingest;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Small clips of the synthetic scene in a given container and codec, for the ingest tests. */
final class TestClips {
  private TestClips() {}

  /**
   * Writes the scene's frames shown at {@code ptsMicros}; {@code timeBaseFps} is the recorder's
   * time base (1/rate), fine enough for the times given.
   */
  static void write(Path file, String format, String encoder, SyntheticScene scene, long[] ptsMicros, double timeBaseFps,
      int gop, Map<String, String> muxerOptions) throws Exception {
    write(file, format, encoder, scene, ptsMicros, timeBaseFps, gop, muxerOptions, Map.of());
  }

  /** As above, with encoder options too (e.g. {@code bf=2} for B-frames). */
  static void write(Path file, String format, String encoder, SyntheticScene scene, long[] ptsMicros, double timeBaseFps,
      int gop, Map<String, String> muxerOptions, Map<String, String> encoderOptions) throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), scene.width(), scene.height(), 0);
        Frame frame = new Frame(scene.width(), scene.height(), Frame.DEPTH_UBYTE, 3)) {
      recorder.setFormat(format);
      recorder.setVideoCodecName(encoder);
      recorder.setFrameRate(timeBaseFps);
      recorder.setGopSize(gop);
      recorder.setVideoBitrate(2_000_000);
      muxerOptions.forEach(recorder::setOption);
      encoderOptions.forEach(recorder::setVideoOption);
      recorder.start();
      for (int i = 0; i < ptsMicros.length; i++) {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        byte[] bgr = scene.renderBgr(i);
        for (int y = 0; y < scene.height(); y++) {
          buffer.position(y * frame.imageStride);
          buffer.put(bgr, y * scene.width() * 3, scene.width() * 3);
        }
        buffer.rewind();
        recorder.setTimestamp(ptsMicros[i]);
        recorder.record(frame, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    }
  }

  /**
   * The segments of an HLS stream of the scene, written by FFmpeg's hls muxer: H.264 with a keyframe
   * every 2 s, one GOP of 50 frames a segment.
   */
  static List<dev.resolute.testkit.sources.HlsServer.Segment> hlsSegments(Path dir, SyntheticScene scene, int segments) throws Exception {
    Path playlist = dir.resolve("source.m3u8");
    int gop = (int) Math.round(2 * scene.fps());
    write(playlist, "hls", "libopenh264", scene, evenlySpaced(segments * gop, Math.round(1e6 / scene.fps())), scene.fps(), gop,
        Map.of("hls_time", "2", "hls_list_size", "0", "hls_segment_filename", dir.resolve("seg%03d.ts").toString()));
    return dev.resolute.testkit.sources.HlsServer.ofPlaylist(playlist);
  }

  /** What cutting a file with the {@link KeyframeCutter} gave. */
  record Cut(List<VideoChunk> chunks, long droppedAtCap) {}

  /**
   * Stream-copies {@code file} into 1 s chunks with the cutter alone, after {@code prepare} had
   * its say on the stream (to make it look like a live source, say).
   */
  static Cut cut(Path file, Consumer<AVStream> prepare) throws Exception {
    List<VideoChunk> chunks = new ArrayList<>();
    ChunkStamper stamper = new ChunkStamper("cam", chunks::add);
    CaptureClock capture = CaptureClock.fileRead(Clock.systemUTC());
    try (FFmpegFrameGrabber grabber = VideoSources.open(file)) {
      AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
      StreamInfo info = StreamInfo.of(stream);
      prepare.accept(stream);
      try (KeyframeCutter cutter = new KeyframeCutter(stream, info, 1.0, Double.POSITIVE_INFINITY,
          payload -> stamper.emit(payload, info, capture))) {
        cutter.cutAll(grabber);
        return new Cut(chunks, cutter.droppedAtCap());
      }
    }
  }

  /** {@code frames} times, {@code intervalMicros} apart from 0. */
  static long[] evenlySpaced(int frames, long intervalMicros) {
    long[] pts = new long[frames];
    for (int i = 0; i < frames; i++) {
      pts[i] = i * intervalMicros;
    }
    return pts;
  }
}
