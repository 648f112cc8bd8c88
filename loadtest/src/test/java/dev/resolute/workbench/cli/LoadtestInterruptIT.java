package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resolute loadtest} as a process, stopped with SIGINT (Ctrl-C) long before its duration:
 * it still writes summary.json and the plots for what it measured.
 */
class LoadtestInterruptIT {
  /** The progress line once cost records have come back: "  12 s: 80 frames with cost records, ...". */
  private static final Pattern MEASURING = Pattern.compile("\\d+ s: [1-9]\\d* frames with cost records");

  @TempDir Path dir;

  @Test
  void shouldWriteTheReportForWhatItMeasuredWhenInterruptedWithCtrlC() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(160, 120, 10), 30, FootageWriter.Codec.H264, clip);
    Path model = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();
    Path report = dir.resolve("report");
    // env resets SIGINT to its default: a build started in the background of a script without job
    // control inherits SIGINT ignored, and a JVM that starts with it ignored never sees Ctrl-C
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder("env", "--default-signal=INT", java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "dev.resolute.cli.ResoluteCli", "loadtest", "--source", clip.toString(), "--cameras", "2", "--duration", "600",
        "--model", model.toString(), "--out", report.toString())
        .redirectErrorStream(true).start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Boolean> measuring = CompletableFuture.supplyAsync(() -> {
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      boolean seen = false;
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.add(line);
          if (!seen && MEASURING.matcher(line).find()) {
            seen = true;
            synchronized (output) {
              output.notifyAll();
            }
          }
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
      return seen;
    });
    try {
      synchronized (output) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (output.stream().noneMatch(l -> MEASURING.matcher(l).find()) && System.nanoTime() < deadline && process.isAlive()) {
          output.wait(1000);
        }
      }
      assertThat(output).as("the load test measured something before Ctrl-C").anyMatch(l -> MEASURING.matcher(l).find());

      new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();

      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("it ended after Ctrl-C: %s", output).isTrue();
    } finally {
      process.destroyForcibly();
    }
    measuring.get(10, TimeUnit.SECONDS);
    assertThat(output).as("it said so").anyMatch(l -> l.contains("interrupted: writing the report for what was measured"));
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(summary.get("interrupted").asBoolean()).isTrue();
    assertThat(summary.get("masks").asLong()).as("%s", summary).isPositive();
    assertThat(summary.get("framesIn").asLong()).isGreaterThanOrEqualTo(summary.get("masks").asLong());
    assertThat(summary.get("durationSeconds").asDouble()).as("stopped long before --duration").isLessThan(300);
    for (String plot : new String[] {"latency", "throughput", "level", "stride", "lag"}) {
      assertThat(ImageIO.read(report.resolve(plot + ".png").toFile())).as(plot).isNotNull();
    }
    assertThat(Files.readString(report.resolve("index.html"))).contains("stride.png");
  }
}
