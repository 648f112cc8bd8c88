package dev.resolute.testkit.footage.corpus;

import static dev.resolute.testkit.footage.corpus.DirectWriter.check;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Copies a file's packets from its {@code n}th video packet on, without re-encoding, the way a
 * recorder that joins a broadcast mid-GOP would have received them. Only the video stream is kept.
 */
final class PacketTail {
  private PacketTail() {}

  static void copy(Path source, int firstVideoPacket, String format, Path target) throws IOException {
    AVFormatContext in = new AVFormatContext(null);
    check(avformat_open_input(in, source.toString(), (AVInputFormat) null, (AVDictionary) null), "open " + source);
    AVFormatContext out = new AVFormatContext(null);
    AVPacket packet = av_packet_alloc();
    try {
      check(avformat_find_stream_info(in, (AVDictionary) null), "probe " + source);
      AVStream video = videoStream(in);
      check(avformat_alloc_output_context2(out, null, format, target.toString()), "allocate " + format);
      AVStream copy = avformat_new_stream(out, null);
      check(avcodec_parameters_copy(copy.codecpar(), video.codecpar()), "copy parameters");
      copy.codecpar().codec_tag(0);
      copy.time_base(video.time_base());
      AVIOContext pb = new AVIOContext(null);
      check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "open " + target);
      out.pb(pb);
      check(avformat_write_header(out, (AVDictionary) null), "write header");
      int seen = 0;
      while (av_read_frame(in, packet) >= 0) {
        if (packet.stream_index() == video.index() && seen++ >= firstVideoPacket) {
          av_packet_rescale_ts(packet, video.time_base(), copy.time_base());
          packet.stream_index(0);
          packet.pos(-1);
          check(av_interleaved_write_frame(out, packet), "write packet");
        }
        av_packet_unref(packet);
      }
      check(av_write_trailer(out), "write trailer");
    } finally {
      av_packet_free(packet);
      if (out.pb() != null) {
        avio_closep(out.pb());
      }
      avformat_free_context(out);
      avformat_close_input(in);
    }
  }

  private static AVStream videoStream(AVFormatContext in) throws IOException {
    for (int i = 0; i < in.nb_streams(); i++) {
      if (in.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        return in.streams(i);
      }
    }
    throw new IOException("no video stream");
  }
}
