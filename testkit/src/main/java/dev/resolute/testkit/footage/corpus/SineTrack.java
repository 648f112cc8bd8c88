package dev.resolute.testkit.footage.corpus;

import static dev.resolute.testkit.footage.corpus.DirectWriter.check;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.ShortPointer;

/**
 * A mono 440 Hz sine encoded alongside the video, so that demuxers have audio packets to step over.
 * Written here rather than through FFmpegFrameRecorder, which leaves audio packet durations in the
 * encoder's time base: the AVI muxer then pads the stream with hundreds of empty audio chunks.
 */
final class SineTrack implements AutoCloseable {
  /** {@code sampleFormat} must be 16-bit, packed or planar (the same thing in mono). */
  record Audio(String codec, int sampleFormat, int sampleRate) {}

  private final AVCodecContext encoder;
  private final AVStream stream;
  private final AVFrame frame;
  private final AVPacket packet = av_packet_alloc();
  private long samplesSent;

  SineTrack(AVFormatContext oc, Audio audio) throws IOException {
    AVCodec codec = avcodec_find_encoder_by_name(audio.codec());
    if (codec == null) {
      throw new IOException("this FFmpeg build has no encoder " + audio.codec());
    }
    encoder = avcodec_alloc_context3(codec);
    encoder.sample_fmt(audio.sampleFormat());
    encoder.sample_rate(audio.sampleRate());
    av_channel_layout_default(encoder.ch_layout(), 1);
    encoder.bit_rate(64_000);
    encoder.time_base(new AVRational().num(1).den(audio.sampleRate()));
    if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(avcodec_open2(encoder, codec, (AVDictionary) null), "open encoder " + audio.codec());
    stream = avformat_new_stream(oc, null);
    check(avcodec_parameters_from_context(stream.codecpar(), encoder), "copy audio parameters");
    stream.time_base(encoder.time_base());
    frame = av_frame_alloc();
    frame.nb_samples(encoder.frame_size());
    frame.format(encoder.sample_fmt());
    frame.sample_rate(encoder.sample_rate());
    check(av_channel_layout_copy(frame.ch_layout(), encoder.ch_layout()), "copy channel layout");
    check(av_frame_get_buffer(frame, 0), "allocate audio frame");
  }

  /** Encodes whole codec frames of sine until the audio reaches {@code micros}. */
  void writeUntil(AVFormatContext oc, long micros) throws IOException {
    int rate = encoder.sample_rate();
    int size = encoder.frame_size();
    short[] samples = new short[size];
    while (samplesSent * 1_000_000L / rate < micros) {
      check(av_frame_make_writable(frame), "make audio frame writable");
      for (int n = 0; n < size; n++) {
        samples[n] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (samplesSent + n) / rate));
      }
      new ShortPointer(frame.data(0)).put(samples);
      // MP3's encoder delay would give the first packet a negative time; the muxer would then shift
      // every stream to compensate and round the video's second frame a whole period late
      frame.pts(samplesSent + encoder.initial_padding());
      samplesSent += size;
      check(avcodec_send_frame(encoder, frame), "encode audio");
      DirectWriter.drain(encoder, packet, oc, stream);
    }
  }

  void finish(AVFormatContext oc) throws IOException {
    check(avcodec_send_frame(encoder, null), "flush audio encoder");
    DirectWriter.drain(encoder, packet, oc, stream);
  }

  @Override
  public void close() {
    av_frame_free(frame);
    av_packet_free(packet);
    avcodec_free_context(encoder);
  }
}
