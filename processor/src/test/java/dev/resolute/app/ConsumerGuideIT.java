package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.testing.ProcessorUnderTest;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer guide (docs/consuming.md), tried in another language: {@code deploy/examples/consume_masks.py}
 * (Debian's python3-confluent-kafka and python3-avro) reads what the processor wrote on the embedded
 * broker, and must agree with the Java reader frame by frame: its own single-object decoding
 * (fingerprint computed in Python), the join of masks with costs, and the colours of its mask PNGs.
 */
class ConsumerGuideIT {
  private static final String CAMERA = "guide-cam";
  private static final Path SCRIPT = Path.of("..", "deploy", "examples", "consume_masks.py");
  private static final String PYTHON = "/usr/bin/python3"; // Debian's, where apt puts the modules
  /** The script's (and the viewer's) palette for the scene's classes: background black, red, green, blue. */
  private static final int[] PALETTE = {0x000000, 0xffd700, 0x00bfff, 0xff1493};

  @TempDir Path dir;

  @Test
  void shouldReadEveryFrameInPythonJoiningMasksWithCostsAndColourTheMasks() throws Exception {
    requirePythonModules();
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(160, 120, 10), 30, FootageWriter.Codec.H264, clip);
    try (ProcessorUnderTest processor = ProcessorUnderTest.start(dir, 1)) {
      long[] frames = {0};
      try (ChunkPublisher publisher = new ChunkPublisher(processor.bootstrapServers())) {
        new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(clip, CAMERA, null, chunk -> {
          frames[0] += chunk.getFrameCount();
          publisher.publish(chunk);
        });
        publisher.flush();
      }
      OutputCollector java = processor.collect(frames[0], Duration.ofMinutes(3));
      assertThat(java.costs()).hasSize((int) frames[0]);

      Process python = new ProcessBuilder(PYTHON, SCRIPT.toString(), "--bootstrap-servers", processor.bootstrapServers(),
          "--out", dir.resolve("png").toString(), "--idle-seconds", "5").redirectErrorStream(true).start();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
      Files.writeString(Files.createDirectories(Path.of("target")).resolve("consumer-guide-output.txt"), output); // for docs/consuming.md
      assertThat(python.exitValue()).as(output).isZero();

      List<String> lines = output.lines().filter(l -> l.startsWith("frame " + CAMERA + " ")).toList();
      assertThat(lines).as(output).hasSize((int) frames[0]);
      Map<Long, FrameCost> costs = java.costs().stream().collect(Collectors.toMap(FrameCost::getFrameIndex, Function.identity()));
      for (SegmentationMask mask : java.masks()) {
        FrameCost cost = costs.get(mask.getFrameIndex());
        String line = lines.stream().filter(l -> l.startsWith("frame " + CAMERA + " " + mask.getFrameIndex() + " ")).findFirst()
            .orElseThrow(() -> new AssertionError("no line for frame " + mask.getFrameIndex() + " in " + output));
        String[] words = line.split(" ");
        assertThat(words[4]).as(line).isEqualTo(String.valueOf(cost.getLevel()));
        assertThat(words[6]).as(line).isEqualTo(String.valueOf(cost.getStride()));
        assertThat(Double.parseDouble(words[8])).as(line).isCloseTo(cost.getEndToEndLatencyMs(), org.assertj.core.data.Offset.offset(0.51));
        assertThat(words[10]).as(line).isEqualTo(mask.getSourceWidth() + "x" + mask.getSourceHeight());
        for (int c = 0; c < mask.getClassNames().size(); c++) {
          assertThat(words[11 + 2 * c]).isEqualTo(mask.getClassNames().get(c).toString());
          assertThat(Double.parseDouble(words[12 + 2 * c])).as(line).isCloseTo(mask.getClassFractions().get(c),
              org.assertj.core.data.Offset.offset(0.0051));
        }
        assertColouredAsPalette(mask, dir.resolve("png").resolve(String.format("%s-%06d.png", CAMERA, mask.getFrameIndex())));
      }
      assertThat(output).contains("summary: " + frames[0] + " frames with mask and cost, 0 skipped, 0 masks and 0 costs still unpaired");
    }
  }

  /** Every pixel of the script's PNG has the palette colour of the class the Java reader sees there. */
  private static void assertColouredAsPalette(SegmentationMask mask, Path png) throws Exception {
    BufferedImage labels = ImageIO.read(new ByteArrayInputStream(bytes(mask.getMask())));
    BufferedImage coloured = ImageIO.read(png.toFile());
    assertThat(coloured.getWidth()).isEqualTo(labels.getWidth());
    int[] seen = new int[PALETTE.length];
    for (int y = 0; y < labels.getHeight(); y++) {
      for (int x = 0; x < labels.getWidth(); x++) {
        int label = labels.getRaster().getSample(x, y, 0);
        assertThat(coloured.getRGB(x, y) & 0xffffff).as("%s at %d,%d (class %d)", png.getFileName(), x, y, label)
            .isEqualTo(PALETTE[label]);
        seen[label]++;
      }
    }
    assertThat(Arrays.stream(seen).filter(n -> n > 0).count()).as("classes in %s", png.getFileName()).isEqualTo(4);
  }

  private static void requirePythonModules() throws Exception {
    Process check = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka, avro.schema").redirectErrorStream(true).start();
    String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (check.waitFor() != 0) {
      throw new AssertionError("the consumer guide's example needs Debian's python3-confluent-kafka and python3-avro: "
          + "install them with 'apt-get install -y python3-confluent-kafka python3-avro' (.ci/run does); " + said);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
