package dev.resolute.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.MaskEncoding;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.web.HeadlessChromium;
import dev.resolute.topology.TopicSetup;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in Debian's headless Chromium, fed through a real broker with what anyone who can write
 * the topics may send: cameras named like the properties every JavaScript object has, class names
 * that are markup with script in them, and a record whose camera id is itself markup. Every good
 * camera must get its card and its picture, the class names must show as text, and no injected
 * script may run. The viewer is bound beyond loopback where this host has such an address, so the
 * browser also goes through the token and its cookie as an operator's would.
 */
class HostilePageIT {
  private static final List<String> CAMERAS = List.of("cam-good", "constructor", "__proto__", "toString");
  private static final String IMG_NAME = "<img src=x onerror=\"window.__pwned='img'\">";
  private static final String SCRIPT_NAME = "</script><script>window.__pwned='script'</script>";
  private static final List<String> CLASS_NAMES = List.of("background", IMG_NAME, SCRIPT_NAME);
  private static final String BAD_ID = "<b onmouseover=alert(1)>bad</b>";

  @TempDir Path dir;

  @Test
  void shouldShowEveryGoodCameraAndRunNoInjectedScript() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(160, 120, 10), 10, FootageWriter.Codec.H264, clip);
    Map<String, VideoChunk> firstChunks = new LinkedHashMap<>();
    for (String camera : CAMERAS) {
      new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(clip, camera, null,
          chunk -> firstChunks.putIfAbsent(camera, chunk));
    }
    InetAddress address = external();
    String token = ViewerAccess.newToken();
    try (KafkaCluster kafka = KafkaTestCluster.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 1, (short) 1);
      }
      try (LiveViewer viewer = LiveViewer.serve(new InetSocketAddress(address, 0), token, List.of());
          AutoCloseable following = viewer.follow(kafka.bootstrapServers(), KafkaClientConfig.none());
          KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
              new StringSerializer(), new ByteArraySerializer())) {
        String url = "http://" + address.getHostAddress() + ":" + viewer.port() + "/?token=" + token;
        try (HeadlessChromium chromium = HeadlessChromium.open(url, 1200, 900, dir)) {
          String allShown = "(() => { const cards = [...document.querySelectorAll('#cameras .camera')];"
              + " const ids = cards.map(c => c.dataset.camera).sort().join('|');"
              + " return ids === " + jsString(String.join("|", CAMERAS.stream().sorted().toList()))
              + " && cards.every(c => Number(c.querySelector('canvas.picture').dataset.shown) > 0); })()";
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
          boolean shown = false;
          while (!shown && System.nanoTime() < deadline) {
            // the viewer reads from now on: sent again until its tail is assigned and the pictures are up
            for (VideoChunk chunk : firstChunks.values()) {
              send(producer, Topics.VIDEO_CHUNKS, chunk.getCameraId(), AvroSerde.of(VideoChunk.class).toBytes(chunk));
              send(producer, Topics.MASKS, chunk.getCameraId(), AvroSerde.of(SegmentationMask.class).toBytes(maskOf(chunk)));
              send(producer, Topics.FRAME_COSTS, chunk.getCameraId(), AvroSerde.of(FrameCost.class).toBytes(cost(chunk.getCameraId())));
            }
            send(producer, Topics.FRAME_COSTS, BAD_ID, AvroSerde.of(FrameCost.class).toBytes(cost(BAD_ID)));
            producer.flush();
            shown = chromium.await(allShown, 3);
          }
          assertThat(shown).as("every good camera's card with its picture, within 120 s").isTrue();
          assertThat(chromium.await("window.__pwned === undefined", 1)).as("no injected script ran").isTrue();
          assertThat(chromium.await("document.querySelectorAll('#cameras img, #cameras script').length === 0"
              + " && ![...document.querySelectorAll('#cameras *')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))", 1))
              .as("no element made from a record's text").isTrue();
          assertThat(chromium.await("[...document.querySelectorAll('.legend')].every(l => l.textContent.includes("
              + jsString(IMG_NAME) + ") && l.textContent.includes(" + jsString(SCRIPT_NAME) + "))", 1))
              .as("the class names shown as text").isTrue();
          assertThat(chromium.await("document.getElementById('status').textContent.startsWith('4 camera(s)')", 1))
              .as("the record with a markup camera id is left out").isTrue();
          assertThat(chromium.await("location.search === ''", 1)).as("the token left the address bar").isTrue();
        }
      }
    }
  }

  /** An address of this host beyond loopback (so that the token is needed), or loopback when it has none. */
  private static InetAddress external() throws SocketException {
    return NetworkInterface.networkInterfaces().filter(nic -> {
      try {
        return nic.isUp() && !nic.isLoopback();
      } catch (SocketException e) {
        return false;
      }
    }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst()
        .orElse(InetAddress.getLoopbackAddress());
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  /** A mask of the chunk's first frame: a box of class 1 and one of class 2. */
  private static SegmentationMask maskOf(VideoChunk chunk) throws Exception {
    BufferedImage grey = new BufferedImage(chunk.getWidth(), chunk.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    var raster = grey.getRaster();
    for (int y = 10; y < 50; y++) {
      for (int x = 10; x < 60; x++) {
        raster.setSample(x, y, 0, 1);
        raster.setSample(x + 70, y + 50, 0, 2);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(grey, "png", png);
    long pts = chunk.getFramePtsMicros().isEmpty() ? chunk.getFirstPtsMicros() : chunk.getFramePtsMicros().get(0);
    return SegmentationMask.newBuilder().setCameraId(chunk.getCameraId()).setChunkSequence(chunk.getSequence())
        .setFrameIndex(chunk.getFirstFrameIndex()).setPtsMicros(pts).setSourceWidth(chunk.getWidth()).setSourceHeight(chunk.getHeight())
        .setInferenceWidth(chunk.getWidth()).setInferenceHeight(chunk.getHeight()).setClassNames(CLASS_NAMES)
        .setMaskEncoding(MaskEncoding.PNG_GRAY8).setMask(ByteBuffer.wrap(png.toByteArray())).setClassFractions(List.of(0.8f, 0.1f, 0.1f))
        .setModelId("hostile").build();
  }

  private static FrameCost cost(String camera) {
    return FrameCost.newBuilder().setCameraId(camera).setChunkSequence(0).setFrameIndex(0).setDecodeMs(1).setResizeMs(1)
        .setInferenceMs(1).setUpsampleMs(1).setEncodeMs(1).setEndToEndLatencyMs(5).setInferenceWidth(8).setInferenceHeight(8)
        .setLevel(0).setGflops(1).setMemoryBytes(1).setLagMsAtDecision(0).setEngine("e").setDevice("cpu").setBatchSize(1)
        .setStride(1).setSkipped(false).build();
  }

  /** {@code text} as a JavaScript string literal. */
  private static String jsString(String text) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
  }
}
