package dev.resolute.ingest;

import dev.resolute.decode.FfmpegErrors;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * What a file holds, read from its packets without decoding: codec, size, rate and how far apart
 * its keyframes are, which decides between stream copy and re-encoding.
 */
public record SourceProbe(String codec, int width, int height, double fps, double maxKeyframeGapSeconds, long maxGopBytes) {

  public static SourceProbe of(Path source) {
    try (FFmpegFrameGrabber grabber = VideoSources.open(source)) {
      int video = grabber.getVideoStream();
      AVRational timeBase = grabber.getFormatContext().streams(video).time_base();
      String codec = avcodec_get_name(grabber.getFormatContext().streams(video).codecpar().codec_id()).getString();
      int width = grabber.getImageWidth();
      int height = grabber.getImageHeight();
      double fps = grabber.getFrameRate();
      double maxGap = 0;
      long maxGopBytes = 0;
      long gopBytes = 0;
      double lastKeySeconds = Double.NaN;
      double lastSeconds = 0;
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null) {
        try {
          if (packet.stream_index() != video) {
            continue;
          }
          lastSeconds = Timestamps.seconds(packet, timeBase);
          if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
            if (!Double.isNaN(lastKeySeconds)) {
              maxGap = Math.max(maxGap, lastSeconds - lastKeySeconds);
            }
            lastKeySeconds = lastSeconds;
            maxGopBytes = Math.max(maxGopBytes, gopBytes);
            gopBytes = 0;
          }
          gopBytes += packet.size();
        } finally {
          av_packet_unref(packet);
        }
      }
      maxGopBytes = Math.max(maxGopBytes, gopBytes);
      maxGap = Double.isNaN(lastKeySeconds) ? Double.POSITIVE_INFINITY : Math.max(maxGap, lastSeconds - lastKeySeconds);
      grabber.stop();
      return new SourceProbe(codec, width, height, fps, maxGap, maxGopBytes);
    } catch (IngestException e) {
      throw e;
    } catch (Exception e) {
      throw new IngestException(source + " is not a readable video: " + FfmpegErrors.describe(e), e);
    }
  }
}
