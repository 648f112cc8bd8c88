package dev.resolute.testkit.footage.corpus;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_INTERLACED_DCT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_INTERLACED_ME;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.resolute.testkit.footage.SyntheticScene;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes and muxes with libavcodec and libavformat directly, for what FFmpegFrameRecorder cannot
 * do: odd widths (it rounds them up to even), field flags on each frame (it owns the AVFrame), and
 * a time base other than one tick per frame.
 */
final class DirectWriter {
  /**
   * {@code streamTimeBase} is only a request: muxers may pick their own (Matroska 1/1000,
   * MPEG-TS 1/90000), and MP4 takes it as its timescale.
   */
  record Spec(String format, String codec, String pixelFormat, Rational frameRate, int gop, long bitRate,
      Rational streamTimeBase, Map<String, String> options, boolean topFieldFirst, SineTrack.Audio audio) {
    static Spec of(String format, String codec, String pixelFormat, Rational frameRate, long bitRate) {
      return new Spec(format, codec, pixelFormat, frameRate, (int) Math.round(frameRate.value()), bitRate,
          frameRate.inverse(), Map.of(), false, null);
    }

    Spec gop(int frames) {
      return new Spec(format, codec, pixelFormat, frameRate, frames, bitRate, streamTimeBase, options, topFieldFirst,
          audio);
    }

    Spec streamTimeBase(Rational timeBase) {
      return new Spec(format, codec, pixelFormat, frameRate, gop, bitRate, timeBase, options, topFieldFirst, audio);
    }

    Spec interlacedTopFirst() {
      return new Spec(format, codec, pixelFormat, frameRate, gop, bitRate, streamTimeBase, options, true, audio);
    }

    Spec audio(SineTrack.Audio track) {
      return new Spec(format, codec, pixelFormat, frameRate, gop, bitRate, streamTimeBase, options, topFieldFirst,
          track);
    }
  }

  private DirectWriter() {}

  static void write(SyntheticScene scene, FrameSchedule schedule, Spec spec, Path file) throws IOException {
    AVFormatContext oc = new AVFormatContext(null);
    check(avformat_alloc_output_context2(oc, null, spec.format(), file.toString()), "allocate " + spec.format());
    AVCodecContext encoder = null;
    SineTrack sine = null;
    try {
      AVCodec codec = avcodec_find_encoder_by_name(spec.codec());
      if (codec == null) {
        throw new IOException("this FFmpeg build has no encoder " + spec.codec());
      }
      encoder = openEncoder(codec, scene, schedule, spec, (oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0);
      AVStream stream = avformat_new_stream(oc, null);
      check(avcodec_parameters_from_context(stream.codecpar(), encoder), "copy parameters");
      stream.time_base(rational(spec.streamTimeBase()));
      stream.avg_frame_rate(rational(spec.frameRate()));
      if (spec.audio() != null) {
        sine = new SineTrack(oc, spec.audio());
      }
      AVIOContext pb = new AVIOContext(null);
      check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "open " + file);
      oc.pb(pb);
      check(avformat_write_header(oc, (AVDictionary) null), "write header");
      encodeAll(scene, schedule, spec, encoder, oc, stream, sine);
      check(av_write_trailer(oc), "write trailer");
    } finally {
      if (sine != null) {
        sine.close();
      }
      if (encoder != null) {
        avcodec_free_context(encoder);
      }
      if (oc.pb() != null) {
        avio_closep(oc.pb());
      }
      avformat_free_context(oc);
    }
  }

  private static AVCodecContext openEncoder(AVCodec codec, SyntheticScene scene, FrameSchedule schedule, Spec spec,
      boolean globalHeader) throws IOException {
    AVCodecContext c = avcodec_alloc_context3(codec);
    c.width(scene.width());
    c.height(scene.height());
    c.pix_fmt(av_get_pix_fmt(spec.pixelFormat()));
    c.time_base(rational(schedule.timeBase()));
    c.framerate(rational(spec.frameRate()));
    c.gop_size(spec.gop());
    c.bit_rate(spec.bitRate());
    if (spec.topFieldFirst()) {
      c.flags(c.flags() | AV_CODEC_FLAG_INTERLACED_DCT | AV_CODEC_FLAG_INTERLACED_ME);
      c.field_order(AV_FIELD_TT);
    }
    if (globalHeader) {
      c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    AVDictionary options = new AVDictionary(null);
    spec.options().forEach((k, v) -> av_dict_set(options, k, v, 0));
    try {
      check(avcodec_open2(c, codec, options), "open encoder " + spec.codec());
    } finally {
      av_dict_free(options);
    }
    return c;
  }

  private static void encodeAll(SyntheticScene scene, FrameSchedule schedule, Spec spec, AVCodecContext encoder,
      AVFormatContext oc, AVStream stream, SineTrack sine) throws IOException {
    int width = scene.width();
    int height = scene.height();
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    SwsContext sws = sws_getContext(width, height, AV_PIX_FMT_BGR24, width, height, encoder.pix_fmt(), SWS_BICUBIC,
        null, null, (DoublePointer) null);
    BytePointer bgr = new BytePointer((long) width * height * 3);
    try {
      frame.format(encoder.pix_fmt());
      frame.width(width);
      frame.height(height);
      check(av_frame_get_buffer(frame, 0), "allocate frame");
      // swscale reads four planes' pointers and strides whatever the format
      PointerPointer<?> bgrPlanes = new PointerPointer<>(4).put(0, bgr);
      IntPointer bgrStride = new IntPointer(4).put(0, width * 3);
      for (int i = 0; i < schedule.size(); i++) {
        check(av_frame_make_writable(frame), "make frame writable");
        bgr.put(scene.renderBgr(schedule.sceneIndices()[i]));
        sws_scale(sws, bgrPlanes, bgrStride, 0, height, frame.data(), frame.linesize());
        frame.pts(schedule.ticks()[i]);
        if (spec.topFieldFirst()) {
          frame.flags(frame.flags() | AVFrame.AV_FRAME_FLAG_INTERLACED | AVFrame.AV_FRAME_FLAG_TOP_FIELD_FIRST);
        }
        check(avcodec_send_frame(encoder, frame), "encode frame " + i);
        drain(encoder, packet, oc, stream);
        if (sine != null) {
          sine.writeUntil(oc, schedule.timeBase().micros(schedule.ticks()[i] + 1));
        }
      }
      check(avcodec_send_frame(encoder, null), "flush encoder");
      drain(encoder, packet, oc, stream);
      if (sine != null) {
        sine.finish(oc);
      }
    } finally {
      sws_freeContext(sws);
      av_frame_free(frame);
      av_packet_free(packet);
      bgr.close();
    }
  }

  /** Writes every packet the encoder has ready into {@code stream}. */
  static void drain(AVCodecContext encoder, AVPacket packet, AVFormatContext oc, AVStream stream)
      throws IOException {
    while (true) {
      int ret = avcodec_receive_packet(encoder, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
        return;
      }
      check(ret, "receive packet");
      av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      check(av_interleaved_write_frame(oc, packet), "write packet");
    }
  }

  private static AVRational rational(Rational r) {
    return new AVRational().num(r.num()).den(r.den());
  }

  static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException(what + " failed: " + FfmpegError.describe(ret));
    }
  }
}
