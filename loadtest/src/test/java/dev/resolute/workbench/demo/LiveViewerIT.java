package dev.resolute.workbench.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.web.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resolute demo} as a process, with its live viewer looked at in headless Chromium while it
 * runs: the screenshot must show the frame (the scene's grey background) with every class of the
 * synthetic scene blended with its palette colour, not the bare frame.
 */
class LiveViewerIT {
  private static final Pattern VIEWER = Pattern.compile("viewer at (http://127\\.0\\.0\\.1:\\d+/)");
  private static final Pattern SHOWN = Pattern.compile("\"version\":[1-9]");
  /** The scene's colour of each class blended half and half with the page's palette colour for it. */
  private static final int[][] BLENDED = {
    {255, 107, 0},   // red (255,0,0) with gold (255,215,0)
    {0, 223, 127},   // green (0,255,0) with deep sky blue (0,191,255)
    {127, 10, 201},  // blue (0,0,255) with deep pink (255,20,147)
  };
  private static final int[] BACKGROUND = {50, 50, 50};
  private static final int[] BARE_RED = {255, 0, 0};

  @TempDir Path dir;

  @Test
  void shouldShowTheLatestFrameWithItsMaskBlendedInWhileTheDemoRuns() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(320, 240, 10), 600, FootageWriter.Codec.H264, clip); // 60 s: outlasts the screenshot
    Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), "dev.resolute.cli.ResoluteCli", "demo", "--source", clip.toString(),
        "--out", dir.resolve("out").toString(), "--no-metrics", "--viewer-port", "0", "--overlays", "0")
        .redirectErrorStream(true).start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(output::add); // read to the end: a full pipe would stall the demo
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // the demo ended
      }
    });
    try {
      String page = awaitUrl(output, 120);
      assertThat(page).as("the demo printed the viewer's address: %s", output).isNotNull();
      awaitPicture(page, 180, output);

      BufferedImage shot;
      try (HeadlessChromium chromium = HeadlessChromium.open(page, 1100, 800, dir)) {
        assertThat(chromium.await("[...document.querySelectorAll('canvas.picture')].some(c => Number(c.dataset.shown) > 0)", 60))
            .as("the page drew a picture within 60 s").isTrue();
        shot = chromium.screenshot();
      }

      // kept for people to look at: the temp dir goes with the test
      ImageIO.write(shot, "png", Files.createDirectories(Path.of("target")).resolve("viewer-screenshot.png").toFile());
      assertThat(count(shot, BACKGROUND, 12)).as("the frame's grey background is on the page").isGreaterThan(5_000);
      for (int[] colour : BLENDED) {
        assertThat(count(shot, colour, 30)).as("pixels of class colour %d,%d,%d blended over the frame", colour[0], colour[1], colour[2])
            .isGreaterThan(500);
      }
      assertThat(count(shot, BARE_RED, 30)).as("the red box is shown under its overlay, not bare").isLessThan(count(shot, BLENDED[0], 30));
    } finally {
      demo.destroy();
      demo.waitFor(60, TimeUnit.SECONDS);
      demo.destroyForcibly();
      reader.cancel(true);
    }
  }

  private static String awaitUrl(List<String> output, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (String line : output) {
        Matcher m = VIEWER.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      Thread.sleep(200);
    }
    return null;
  }

  /** Until the viewer has a picture for a camera: the screenshot is of a page with something to show. */
  private static void awaitPicture(String page, int seconds, List<String> output) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String state = "";
    while (System.nanoTime() < deadline) {
      state = http.send(HttpRequest.newBuilder(URI.create(page + "state")).build(), HttpResponse.BodyHandlers.ofString()).body();
      if (SHOWN.matcher(state).find()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the viewer showed no picture within " + seconds + " s; state " + state + "; demo output " + output);
  }

  /** Pixels within {@code tolerance} of {@code rgb} in every channel. */
  private static int count(BufferedImage image, int[] rgb, int tolerance) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xff) - rgb[0]) <= tolerance && Math.abs(((p >> 8) & 0xff) - rgb[1]) <= tolerance
            && Math.abs((p & 0xff) - rgb[2]) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }
}
