package dev.resolute.testkit.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A live HLS stream of ready-made MPEG-TS segments, published at real-time pace: the playlist lists
 * the segments whose time has come (the last {@value #WINDOW}, without {@code #EXT-X-ENDLIST} until
 * the last segment is out), as a live packager's does. It can drop the connection once in the middle
 * of a segment, as a network does: the response for that segment stops at half its bytes, and the
 * server then answers 503 to everything for {@link #OUTAGE}, so that the reader's session ends. It records which segments it served whole.
 */
public final class HlsServer implements AutoCloseable {
  /** Segments listed at once: FFmpeg starts a live playlist three before its end. */
  static final int WINDOW = 6;
  /**
   * How long the server answers 503 after the cut: FFmpeg's HLS demuxer retries a playlist it
   * cannot reload, and gives up (ending the session) only after many tries in a row.
   */
  static final java.time.Duration OUTAGE = java.time.Duration.ofSeconds(3);

  private final HttpServer server;
  private final ExecutorService clients = Executors.newCachedThreadPool();
  private final List<Segment> segments;
  private final long startNanos = System.nanoTime();
  private final int cutSegment;
  private final Set<Integer> servedWhole = ConcurrentHashMap.newKeySet();
  private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile boolean cut;
  private volatile long refusingUntilNanos;

  /** One MPEG-TS segment and how long it plays. */
  public record Segment(Path file, double seconds) {}

  private HlsServer(List<Segment> segments, int cutSegment) throws IOException {
    this.segments = List.copyOf(segments);
    this.cutSegment = cutSegment;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.setExecutor(clients);
    server.start();
  }

  /**
   * Serves {@code segments} live, two of them out from the start.
   *
   * @param cutSegment the segment whose first response is cut in the middle; -1 for none
   */
  public static HlsServer live(List<Segment> segments, int cutSegment) throws IOException {
    return new HlsServer(segments, cutSegment);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.m3u8";
  }

  /** Whether the cut has happened. */
  public boolean cut() {
    return cut;
  }

  /** What was asked, when, and whether it was refused: for a test's report. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Segments sent whole at least once. */
  public Set<Integer> servedWhole() {
    return Set.copyOf(servedWhole);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean playlist = path.equals("/live.m3u8");
      requests.add(String.format(java.util.Locale.ROOT, "%.1f s %s%s", (System.nanoTime() - startNanos) / 1e9, path,
          System.nanoTime() < refusingUntilNanos ? " refused" : ""));
      if (System.nanoTime() < refusingUntilNanos) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      if (playlist) {
        send(exchange, "application/vnd.apple.mpegurl", playlist().getBytes(StandardCharsets.US_ASCII));
        return;
      }
      int index = segmentIndex(path);
      if (index < 0 || index >= available()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = Files.readAllBytes(segments.get(index).file());
      if (index == cutSegment && !cut) {
        cut = true;
        refusingUntilNanos = System.nanoTime() + OUTAGE.toNanos();
        exchange.getResponseHeaders().set("Content-Type", "video/mp2t");
        exchange.sendResponseHeaders(200, bytes.length);
        OutputStream body = exchange.getResponseBody();
        body.write(bytes, 0, bytes.length / 2 / 188 * 188); // whole TS packets, half a segment: the GOP split in two
        body.flush();
        return; // closing short of the declared length drops the connection
      }
      send(exchange, "video/mp2t", bytes);
      servedWhole.add(index);
    } catch (IOException e) {
      // the cut response, or a reader that hung up
    }
  }

  private String playlist() {
    int available = available();
    int first = Math.max(0, available - WINDOW);
    long target = Math.round(Math.ceil(segments.stream().mapToDouble(Segment::seconds).max().orElse(2)));
    StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + target
        + "\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
    for (int i = first; i < available; i++) {
      text.append(String.format(java.util.Locale.ROOT, "#EXTINF:%.3f,\nseg%03d.ts\n", segments.get(i).seconds(), i));
    }
    if (available == segments.size()) {
      text.append("#EXT-X-ENDLIST\n");
    }
    return text.toString();
  }

  /** Segments out by now: two at the start, then one more as each segment's time passes. */
  private int available() {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    int out = Math.min(2, segments.size());
    double due = 0;
    while (out < segments.size()) {
      due += segments.get(out - 2).seconds();
      if (elapsed < due) {
        break;
      }
      out++;
    }
    return out;
  }

  private static int segmentIndex(String path) {
    if (!path.matches("/seg\\d{3}\\.ts")) {
      return -1;
    }
    return Integer.parseInt(path.substring(4, 7));
  }

  private static void send(HttpExchange exchange, String type, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    clients.shutdownNow();
  }

  /** The segments an FFmpeg hls muxer wrote, in order, with their durations from its playlist. */
  public static List<Segment> ofPlaylist(Path playlist) throws IOException {
    List<Segment> out = new ArrayList<>();
    double duration = 0;
    for (String line : Files.readAllLines(playlist)) {
      if (line.startsWith("#EXTINF:")) {
        duration = Double.parseDouble(line.substring(8, line.indexOf(',')));
      } else if (!line.isBlank() && !line.startsWith("#")) {
        out.add(new Segment(playlist.resolveSibling(line), duration));
      }
    }
    return out;
  }
}
