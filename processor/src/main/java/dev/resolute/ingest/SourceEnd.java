package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_READ;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avformat.avio_read;
import static org.bytedeco.ffmpeg.global.avformat.avio_size;
import static org.bytedeco.ffmpeg.global.avformat.avio_tell;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;

/**
 * Tells a source that ended from one that dropped, once FFmpeg has said end of file. Both look the
 * same to {@code av_read_frame}: an RTSP or HTTP connection that closes is an end of file too, and
 * FFmpeg's HLS demuxer ends a live playlist it can no longer reload the same way it ends a finished
 * one. So an end counts only where the source says it is finite: an HLS playlist that carries
 * {@code #EXT-X-ENDLIST} when read again now, or a byte stream of known size read to its last byte
 * (a file, an HTTP response with a length). Everything else is a drop, and is reconnected.
 */
final class SourceEnd {
  /** Playlists are small; a response larger than this is not one worth parsing. */
  private static final int MAX_PLAYLIST_BYTES = 1 << 20;

  private SourceEnd() {}

  static boolean ended(AVFormatContext format, String url, Map<String, String> options, Duration timeout) {
    String demuxer = format.iformat() == null ? "" : format.iformat().name().getString();
    if (demuxer.equals("hls")) {
      return playlistEnded(url, options, timeout);
    }
    AVIOContext pb = format.pb();
    if (pb == null || pb.isNull()) {
      return false; // RTSP, devices: a session, not a length
    }
    long size = avio_size(pb);
    return size > 0 && avio_tell(pb) >= size;
  }

  /** The media playlist (the first variant of a master playlist) as the server serves it now ends with ENDLIST. */
  static boolean playlistEnded(String url, Map<String, String> options, Duration timeout) {
    String text = read(url, options, timeout);
    if (text == null) {
      return false;
    }
    String variant = firstVariant(text);
    if (variant != null) {
      text = read(URI.create(url).resolve(variant).toString(), options, timeout);
    }
    return text != null && hasEndList(text);
  }

  static boolean hasEndList(String playlist) {
    return playlist.lines().anyMatch(line -> line.strip().equals("#EXT-X-ENDLIST"));
  }

  /** The URI after the first {@code #EXT-X-STREAM-INF} of a master playlist; null for a media playlist. */
  static String firstVariant(String playlist) {
    boolean afterStreamInf = false;
    for (String raw : playlist.lines().toList()) {
      String line = raw.strip();
      if (line.startsWith("#EXT-X-STREAM-INF")) {
        afterStreamInf = true;
      } else if (afterStreamInf && !line.isEmpty() && !line.startsWith("#")) {
        return line;
      }
    }
    return null;
  }

  /** Read through FFmpeg, so the camera's own protocol options (headers, TLS, credentials in the URL) apply; null when it cannot be read. */
  private static String read(String url, Map<String, String> options, Duration timeout) {
    AVDictionary dict = new AVDictionary(null);
    String micros = String.valueOf(timeout.toNanos() / 1000);
    av_dict_set(dict, "rw_timeout", micros, 0);
    av_dict_set(dict, "timeout", micros, 0);
    options.forEach((key, value) -> {
      if (!key.equals("format")) {
        av_dict_set(dict, key, value, 0);
      }
    });
    AVIOContext pb = new AVIOContext(null);
    try {
      if (avio_open2(pb, url, AVIO_FLAG_READ, null, dict) < 0) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (BytePointer buffer = new BytePointer(64 * 1024)) {
        byte[] bytes = new byte[64 * 1024];
        int n;
        while ((n = avio_read(pb, buffer, bytes.length)) > 0) {
          buffer.get(bytes, 0, n);
          out.write(bytes, 0, n);
          if (out.size() > MAX_PLAYLIST_BYTES) {
            return null;
          }
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      avio_closep(pb);
      av_dict_free(dict);
    }
  }
}
