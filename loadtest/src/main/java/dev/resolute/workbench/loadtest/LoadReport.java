package dev.resolute.workbench.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.resolute.metrics.DeadLetterReasons;
import dev.resolute.metrics.DeadLetterTally;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Writes a load test's results: {@code summary.json}, {@code series.csv}, PNG plots (latency p50/p99,
 * throughput against arrivals, level, stride and lag per second, one colour per camera) and an {@code index.html} that shows them.
 */
public final class LoadReport {

  /**
   * The fields of {@code summary.json}; names are a public interface.
   *
   * @param deadLetterReasons each dead-letter reason as {@link DeadLetterReasons} groups it, with its count
   * @param interrupted the run was stopped (Ctrl-C) before every frame was accounted for: the figures cover what was
   *     measured until then, and frames in flight count in {@code framesIn} without a mask
   */
  public record Summary(String source, int cameras, String speed, double durationSeconds, long framesIn, long masks,
      long framesSkipped, double latencyMsP50, double latencyMsP95, double latencyMsP99, double latencyMsMax,
      double throughputFps, String policy, String engine, String device, Map<String, Map<String, Double>> perCamera,
      long deadLetters, long deadLetterFrames, Map<String, Long> deadLetterReasons, MemorySampler.Profile memory,
      int instances, boolean interrupted) {}

  private LoadReport() {}

  public static Summary summarise(LoadSeries series, DeadLetterTally letters, String source, int cameras, String speed,
      double seconds, long framesIn, String policy, String engine, String device, MemorySampler.Profile memory,
      int instances, boolean interrupted) {
    Map<String, Map<String, Double>> perCamera = new TreeMap<>();
    series.perCamera().forEach((camera, h) -> perCamera.put(camera, percentiles(h)));
    Histogram all = series.overall();
    return new Summary(source, cameras, speed, seconds, framesIn, series.frames(), series.skipped(),
        all.getValueAtPercentile(50), all.getValueAtPercentile(95), all.getValueAtPercentile(99), all.getMaxValue(),
        seconds > 0 ? series.frames() / seconds : 0, policy, engine, device, perCamera,
        letters.letters(), letters.frames(), DeadLetterReasons.counts(letters.groups()), memory, instances, interrupted);
  }

  public static void write(Path dir, LoadSeries series, Summary summary) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), summary);
    writeCsv(dir.resolve("series.csv"), series);
    List<String> plots = ReportCharts.writeAll(dir, series.buckets());
    Files.writeString(dir.resolve("index.html"), html(summary, plots), StandardCharsets.UTF_8);
  }

  private static Map<String, Double> percentiles(Histogram h) {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("frames", (double) h.getTotalCount());
    p.put("latencyMsP50", (double) h.getValueAtPercentile(50));
    p.put("latencyMsP95", (double) h.getValueAtPercentile(95));
    p.put("latencyMsP99", (double) h.getValueAtPercentile(99));
    p.put("latencyMsMax", (double) h.getMaxValue());
    return p;
  }

  private static void writeCsv(Path file, LoadSeries series) throws IOException {
    // a second with arrivals only has no level, stride or lag: those cells stay empty rather than read as level 0
    StringBuilder csv = new StringBuilder(
        "second,camera,frames,skipped,latency_mean_ms,latency_max_ms,level,stride,lag_s,arrivals,latency_p50_ms,latency_p99_ms\n");
    series.buckets().forEach((camera, seconds) -> seconds.forEach((second, b) -> csv.append(b.measured()
        ? String.format(java.util.Locale.ROOT, "%d,%s,%d,%d,%.1f,%.1f,%d,%d,%.3f,%d,%.1f,%.1f%n", second, camera, b.frames,
            b.skipped, b.latencyMeanMs(), b.latencyMaxMs, b.level, b.stride, b.lagSeconds, b.arrivals,
            b.latencyPercentileMs(0.50), b.latencyPercentileMs(0.99))
        : String.format(java.util.Locale.ROOT, "%d,%s,0,0,,,,,,%d,,%n", second, camera, b.arrivals))));
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  private static String html(Summary s, List<String> plots) {
    StringBuilder rows = new StringBuilder();
    s.perCamera().forEach((camera, p) -> rows.append(String.format(java.util.Locale.ROOT,
        "<tr><td>%s</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td></tr>%n", escape(camera),
        p.get("frames"), p.get("latencyMsP50"), p.get("latencyMsP95"), p.get("latencyMsP99"), p.get("latencyMsMax"))));
    return String.format(java.util.Locale.ROOT, """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Resolute load test</title>
        <style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;text-align:right}img{display:block;margin:1em 0}</style>
        </head><body>
        <h1>Resolute load test</h1>
        <p>%s as %d camera(s) at %s speed for %.0f s; %s policy on %s (%s).</p>
        <p>%d frames in, %d masks, %d skipped, %d dead-lettered; %.1f masks/s. Latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms.</p>
        <table><tr><th>camera</th><th>masks</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th></tr>
        %s</table>
        %s
        <p>Raw series: <a href="series.csv">series.csv</a>, summary: <a href="summary.json">summary.json</a>.</p>
        </body></html>
        """, escape(s.source()), s.cameras(), escape(s.speed()), s.durationSeconds(), escape(s.policy()), escape(s.engine()),
        escape(s.device()), s.framesIn(), s.masks(), s.framesSkipped(), s.deadLetterFrames(), s.throughputFps(), s.latencyMsP50(), s.latencyMsP95(),
        s.latencyMsP99(), s.latencyMsMax(), rows,
        String.join("\n", plots.stream().map(n -> "<img src=\"" + n + ".png\" alt=\"" + n + " over time\">").toList()));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
