package dev.resolute.testkit.footage.corpus;

import static dev.resolute.testkit.footage.corpus.DirectWriter.check;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

/** Reads every packet of a file with libavformat and summarises its first video stream. */
final class PacketScan {
  private PacketScan() {}

  static PacketSummary of(Path file) throws IOException {
    AVFormatContext oc = new AVFormatContext(null);
    check(avformat_open_input(oc, file.toString(), (AVInputFormat) null, (AVDictionary) null), "open " + file);
    AVPacket packet = av_packet_alloc();
    try {
      check(avformat_find_stream_info(oc, (AVDictionary) null), "probe " + file);
      AVStream video = null;
      List<String> audio = new ArrayList<>();
      for (int i = 0; i < oc.nb_streams(); i++) {
        AVCodecParameters par = oc.streams(i).codecpar();
        if (par.codec_type() == AVMEDIA_TYPE_VIDEO && video == null) {
          video = oc.streams(i);
        } else if (par.codec_type() == AVMEDIA_TYPE_AUDIO) {
          audio.add(avcodec_get_name(par.codec_id()).getString());
        }
      }
      if (video == null) {
        throw new IOException("no video stream in " + file);
      }
      AVRational tb = video.time_base();
      List<PacketInfo> packets = new ArrayList<>();
      while (av_read_frame(oc, packet) >= 0) {
        if (packet.stream_index() == video.index()) {
          packets.add(new PacketInfo(micros(packet.pts(), tb), micros(packet.dts(), tb), packet.size(),
              (packet.flags() & AV_PKT_FLAG_KEY) != 0, (packet.flags() & AV_PKT_FLAG_CORRUPT) != 0, packet.pos()));
        }
        av_packet_unref(packet);
      }
      AVCodecParameters par = video.codecpar();
      BytePointer pixelFormat = av_get_pix_fmt_name(par.format());
      AVRational rate = video.avg_frame_rate();
      return new PacketSummary(oc.iformat().name().getString(), avcodec_get_name(par.codec_id()).getString(),
          pixelFormat == null ? "none" : pixelFormat.getString(),
          pixelFormat == null ? 0 : av_pix_fmt_desc_get(par.format()).comp(0).depth(),
          par.width(), par.height(), rate.num() > 0 && rate.den() > 0 ? new Rational(rate.num(), rate.den()) : null,
          fieldOrder(par.field_order()), rotation(par), audio, packets);
    } finally {
      av_packet_free(packet);
      avformat_close_input(oc);
    }
  }

  private static long micros(long ticks, AVRational tb) {
    return ticks == AV_NOPTS_VALUE ? PacketInfo.NO_TIMESTAMP : 1_000_000L * ticks * tb.num() / tb.den();
  }

  private static double rotation(AVCodecParameters par) {
    AVPacketSideData matrix = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
        AV_PKT_DATA_DISPLAYMATRIX);
    return matrix == null ? Double.NaN : av_display_rotation_get(new IntPointer(matrix.data()));
  }

  private static String fieldOrder(int order) {
    if (order == AV_FIELD_PROGRESSIVE) {
      return "progressive";
    } else if (order == AV_FIELD_TT) {
      return "tt";
    } else if (order == AV_FIELD_BB) {
      return "bb";
    } else if (order == AV_FIELD_TB) {
      return "tb";
    } else if (order == AV_FIELD_BT) {
      return "bt";
    }
    return "unknown";
  }
}
