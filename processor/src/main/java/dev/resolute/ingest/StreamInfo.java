package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.IntPointer;

/**
 * What every chunk of a stream declares about it: codec, the frames' own size, a nominal rate (for
 * display and estimates; each frame's time comes from its pts) and the display rotation.
 */
public record StreamInfo(String codec, int width, int height, double fps, int rotationDegrees) {
  /** Used where a stream states no rate at all; frame times never depend on it. */
  static final double UNKNOWN_FPS = 25;

  static StreamInfo of(AVStream stream) {
    AVCodecParameters parameters = stream.codecpar();
    String codec = avcodec_get_name(parameters.codec_id()).getString();
    return new StreamInfo(codec, parameters.width(), parameters.height(), nominalFps(stream), rotationOf(parameters));
  }

  /** The average rate when the container knows it, else the base rate FFmpeg guessed. */
  static double nominalFps(AVStream stream) {
    for (double fps : new double[] {av_q2d(stream.avg_frame_rate()), av_q2d(stream.r_frame_rate())}) {
      if (fps > 0 && fps < 1000 && !Double.isNaN(fps)) {
        return fps;
      }
    }
    return UNKNOWN_FPS;
  }

  /** Clockwise degrees, 0, 90, 180 or 270, from the stream's display matrix. */
  static int rotationOf(AVCodecParameters parameters) {
    AVPacketSideData matrix = av_packet_side_data_get(parameters.coded_side_data(), parameters.nb_coded_side_data(),
        AV_PKT_DATA_DISPLAYMATRIX);
    if (matrix == null || matrix.isNull() || matrix.size() < 36) {
      return 0;
    }
    double counterClockwise = av_display_rotation_get(new IntPointer(matrix.data()));
    if (Double.isNaN(counterClockwise)) {
      return 0;
    }
    long quarterTurns = Math.round(-counterClockwise / 90.0);
    return (int) Math.floorMod(quarterTurns * 90, 360);
  }
}
