package dev.resolute.workbench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.metrics.DeadLetterTally;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadReportTest {
  @TempDir Path dir;

  private static FrameCost cost(String camera, long frame, double latencyMs, int level, boolean skipped) {
    return FrameCost.newBuilder().setCameraId(camera).setChunkSequence(frame / 10).setFrameIndex(frame)
        .setDecodeMs(1).setResizeMs(1).setInferenceMs(1).setUpsampleMs(1).setEncodeMs(1).setEndToEndLatencyMs(latencyMs)
        .setInferenceWidth(8).setInferenceHeight(8).setLevel(level).setGflops(1).setMemoryBytes(1).setLagMsAtDecision(250)
        .setEngine("e").setDevice("cpu").setBatchSize(1).setSkipped(skipped).build();
  }

  /** A dead letter as the processor writes one for a chunk it could not decode. */
  private static DeadLetter deadLetter(String camera, long sequence, int frames) {
    VideoChunk chunk = VideoChunk.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTimeMs(0).setFirstPtsMicros(0)
        .setFirstFrameIndex(sequence * frames).setFrameCount(frames).setFps(10).setWidth(8).setHeight(8).setCodec("mjpeg")
        .setContainer("matroska").setPayload(ByteBuffer.allocate(4)).build();
    return DeadLetter.newBuilder().setSourceTopic("video-chunks").setPartition(0).setOffset(sequence).setKey(camera)
        .setReason("chunk " + sequence + " of camera " + camera + ": decoded 0 of the " + frames + " frames the chunk declares")
        .setErrorClass("dev.resolute.decode.ChunkDecodeException")
        .setOriginalBytes(ByteBuffer.wrap(AvroSerde.of(VideoChunk.class).toBytes(chunk))).build();
  }

  @Test
  void shouldComputePercentilesPerCameraAndWriteEveryArtefact() throws Exception {
    LoadSeries series = new LoadSeries();
    for (int i = 1; i <= 100; i++) {
      series.add(cost("a", i, i * 10, 0, false), i / 10);
    }
    series.add(cost("b", 1, 50, 2, false), 0);
    series.add(cost("b", 2, 0, 2, true), 0);
    series.arrived("b", 10, 0);
    series.arrived("b", 10, 1); // a second with arrivals only

    DeadLetterTally letters = new DeadLetterTally(camera -> camera.startsWith("b"));
    letters.update(List.of(deadLetter("b", 7, 10), deadLetter("b", 8, 10), deadLetter("other", 1, 10)));

    LoadReport.Summary summary = LoadReport.summarise(series, letters, "clip.mkv", 2, "2.0x", 10, 122, "adaptive",
        "OnnxRuntime", "cpu", new MemorySampler.Profile(900, 1000, 1030, 1040, 200, 3.0), 1, false);
    LoadReport.write(dir, series, summary);

    assertThat(summary.masks()).isEqualTo(101);
    assertThat(summary.framesSkipped()).isEqualTo(1);
    assertThat(summary.perCamera().get("a").get("latencyMsP50")).isEqualTo(500.0);
    assertThat(summary.perCamera().get("a").get("latencyMsP99")).isEqualTo(990.0);
    assertThat(summary.throughputFps()).isEqualTo(10.1);
    assertThat(Files.readAllLines(dir.resolve("series.csv"))).contains("0,b,1,1,50.0,50.0,2,1,0.250,10,50.0,50.0", "1,b,0,0,,,,,,10,,");
    String html = Files.readString(dir.resolve("index.html"));
    for (String plot : new String[] {"latency", "throughput", "level", "stride", "lag"}) {
      assertThat(html).contains("<img src=\"" + plot + ".png\"");
      BufferedImage image = ImageIO.read(dir.resolve(plot + ".png").toFile());
      assertThat(image.getWidth()).isEqualTo(1000);
    }
    assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"latencyMsP99\"", "\"throughputFps\"", "\"masks\"");
    assertThat(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("deadLetterReasons").toString())
        .isEqualTo("{\"decoded 0 of the 10 frames the chunk declares\":2}");
    assertThat(summary.deadLetterFrames()).isEqualTo(20);
    assertThat(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("memory").get("rssGrowthPercent").asDouble())
        .isEqualTo(3.0);
  }

  @Test
  void shouldSampleThisProcesssResidentMemoryAndHeapAndMeasureGrowthFromTheWarmUp() throws Exception {
    MemorySampler sampler = new MemorySampler(60_000);
    sampler.close();

    List<MemorySampler.Sample> samples = sampler.samples();
    assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
    assertThat(samples).allSatisfy(s -> {
      assertThat(s.rssMb()).as("VmRSS of a JVM").isGreaterThan(10);
      assertThat(s.heapMb()).isPositive();
    });
    MemorySampler.Profile profile = sampler.profile();
    assertThat(profile.rssMbStart()).isEqualTo(samples.get(0).rssMb());
    assertThat(profile.rssMbMax()).isEqualTo(samples.stream().mapToDouble(MemorySampler.Sample::rssMb).max().orElseThrow());
    List<MemorySampler.Sample> lastThird = samples.subList(Math.min(2 * samples.size() / 3, samples.size() - 1), samples.size());
    assertThat(profile.rssMbEnd()).as("a median of the last third").isBetween(
        lastThird.stream().mapToDouble(MemorySampler.Sample::rssMb).min().orElseThrow(),
        lastThird.stream().mapToDouble(MemorySampler.Sample::rssMb).max().orElseThrow());
    assertThat(profile.rssGrowthPercent())
        .isCloseTo((profile.rssMbEnd() - profile.rssMbAfterWarmUp()) / profile.rssMbAfterWarmUp() * 100,
            org.assertj.core.data.Offset.offset(1e-9));
    sampler.writeCsv(dir.resolve("memory.csv"));
    assertThat(Files.readAllLines(dir.resolve("memory.csv"))).hasSize(samples.size() + 1).first().isEqualTo("seconds,rss_mb,heap_mb");
  }
}
