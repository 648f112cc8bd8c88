package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_open_dyn_buf;
import static org.bytedeco.ffmpeg.global.avutil.av_free;

import dev.resolute.decode.FfmpegErrors;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes one chunk's video packets, and nothing else of the source, into an in-memory Matroska
 * file.
 *
 * <p>The packets are all known before the header is written, which settles two things live
 * sources get wrong when muxed as they arrive: decode times, which RTP does not carry (a stream
 * with B-frames then fails with "non monotonically increasing dts"), are rebuilt from the
 * presentation times; and parameter sets that an MPEG-TS or HLS source sends only in-band are
 * taken from the chunk's first keyframe when the stream has no extradata.
 */
final class ChunkMuxer {
  static final String CONTAINER = "matroska";
  /** Codecs whose Matroska header must hold their parameter sets (CodecPrivate). */
  private static final java.util.Set<Integer> NEEDS_PARAMETER_SETS = java.util.Set.of(AV_CODEC_ID_H264, AV_CODEC_ID_HEVC);

  private ChunkMuxer() {}

  /**
   * @param packets the chunk's packets in decode order, first one a keyframe, none empty
   * @param timeBase the time base of the packets' timestamps
   */
  static byte[] mux(AVCodecParameters source, AVRational timeBase, List<AVPacket> packets) {
    long[] presentation = new long[packets.size()];
    for (int i = 0; i < presentation.length; i++) {
      presentation[i] = packets.get(i).pts();
    }
    DecodeTimes times = DecodeTimes.of(presentation);
    AVFormatContext output = new AVFormatContext(null);
    check(avformat_alloc_output_context2(output, null, CONTAINER, null), "allocate the " + CONTAINER + " muxer");
    AVIOContext buffer = new AVIOContext(null);
    boolean bufferOpen = false;
    try {
      AVStream stream = avformat_new_stream(output, null);
      check(avcodec_parameters_copy(stream.codecpar(), source), "copy the stream parameters");
      // the source container's tag (an AVI FourCC, an MPEG-TS stream type) means nothing in Matroska
      stream.codecpar().codec_tag(0);
      if (stream.codecpar().extradata_size() == 0 && NEEDS_PARAMETER_SETS.contains(stream.codecpar().codec_id())) {
        InBandParameterSets.copyInto(stream.codecpar(), source, packets.get(0));
      }
      stream.time_base(timeBase);
      check(avio_open_dyn_buf(buffer), "open an in-memory buffer");
      bufferOpen = true;
      output.pb(buffer);
      check(avformat_write_header(output, (AVDictionary) null), "write the chunk header");
      AVRational muxTimeBase = stream.time_base(); // Matroska picks its own (1 ms) in write_header
      for (int i = 0; i < packets.size(); i++) {
        AVPacket packet = packets.get(i);
        packet.stream_index(0);
        packet.pts(times.pts(i));
        packet.dts(times.dts(i));
        packet.pos(-1);
        av_packet_rescale_ts(packet, timeBase, muxTimeBase);
        check(av_write_frame(output, packet), "write packet " + i + " of the chunk");
      }
      check(av_write_trailer(output), "finish the chunk");
      bufferOpen = false;
      return closeBuffer(output.pb());
    } finally {
      if (bufferOpen) {
        closeBuffer(output.pb());
      }
      output.pb(null);
      avformat_free_context(output);
    }
  }

  private static byte[] closeBuffer(AVIOContext buffer) {
    try (PointerPointer<BytePointer> out = new PointerPointer<>(1)) {
      int size = avio_close_dyn_buf(buffer, out);
      BytePointer written = out.get(BytePointer.class, 0);
      try {
        byte[] bytes = new byte[Math.max(0, size)];
        if (size > 0) {
          written.capacity(size).get(bytes);
        }
        return bytes;
      } finally {
        av_free(written);
      }
    }
  }

  private static void check(int result, String what) {
    if (result < 0) {
      throw new MuxRefusedException("cannot " + what + ": " + FfmpegErrors.describe(new Exception("error " + result)), null);
    }
  }

  /**
   * Decode times rebuilt from presentation times alone: the i-th decode time is the i-th smallest
   * presentation time, shifted back by the largest reorder delay so that no packet is decoded after
   * it is shown. Timestamps start at 0 in every chunk, so no muxer ever sees a negative one.
   */
  record DecodeTimes(long[] pts, long[] dts) {
    /** @param pts presentation times of the packets in decode order */
    static DecodeTimes of(long[] pts) {
      int n = pts.length;
      long[] sorted = pts.clone();
      java.util.Arrays.sort(sorted);
      long delay = 0;
      for (int i = 0; i < n; i++) {
        delay = Math.max(delay, sorted[i] - pts[i]);
      }
      long origin = sorted[0] - delay;
      long[] dts = new long[n];
      long[] shifted = new long[n];
      for (int i = 0; i < n; i++) {
        dts[i] = sorted[i] - delay - origin;
        shifted[i] = pts[i] - origin;
      }
      return new DecodeTimes(shifted, dts);
    }

    long pts(int i) {
      return pts[i];
    }

    long dts(int i) {
      return dts[i];
    }
  }
}
