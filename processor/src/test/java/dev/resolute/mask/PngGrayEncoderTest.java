package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.mask.LabelCorpus.Labels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PngGrayEncoderTest {

  private static final int WIDTH = 37;
  private static final int HEIGHT = 23;

  static Stream<Labels> corpus() {
    return Stream.concat(LabelCorpus.all().stream(), Stream.of(LabelCorpus.scene(5), LabelCorpus.raggedScene(9)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void shouldProduceAPngThatImageIoDecodesToTheSameLabels(Labels map) throws Exception {
    byte[] png = PngGrayEncoder.encode(map.pixels(), map.width(), map.height());

    assertThat(imageIoDecoded(png, map.width(), map.height())).isEqualTo(map.pixels());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void shouldInflateWithAValidChecksumToUnfilteredRowsOfTheSameLabels(Labels map) throws Exception {
    byte[] png = PngGrayEncoder.encode(map.pixels(), map.width(), map.height());

    // Inflater checks the zlib stream's Adler-32 and throws on a wrong one
    assertThat(inflated(idat(png))).isEqualTo(rows(map));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void shouldComputeTheAdler32OfTheRowsFromRuns(Labels map) {
    Adler32 bytewise = new Adler32();
    bytewise.update(rows(map));

    assertThat(RowAdler32.of(map.pixels(), map.width(), map.height())).isEqualTo((int) bytewise.getValue());
  }

  @Test
  void shouldStayNearTheRawSizeOnNoise() throws Exception {
    Labels noise = LabelCorpus.all().stream().filter(m -> m.name().equals("noise")).findFirst().orElseThrow();

    byte[] png = PngGrayEncoder.encode(noise.pixels(), noise.width(), noise.height());

    // fixed codes spend 8 or 9 bits on a literal
    assertThat(png.length).isLessThan((int) (rows(noise).length * 1.2) + 100);
  }

  @Test
  void shouldCompressTheScenesLabelsAboutAsWellAsDeflaterLevelOne() {
    for (Labels map : List.of(LabelCorpus.scene(0), LabelCorpus.scene(40), LabelCorpus.raggedScene(3))) {
      int deflater = PngGrayEncoder.encode(
          map.pixels(), map.width(), map.height(), Deflater.BEST_SPEED, Deflater.DEFAULT_STRATEGY, false).length;

      int labelDeflater = PngGrayEncoder.encode(map.pixels(), map.width(), map.height()).length;

      // literals alone would take about 1 MB: this catches a matcher that finds nothing
      assertThat(labelDeflater).as(map.name()).isLessThan(deflater * 5 / 2);
    }
  }

  @Test
  void shouldRejectPixelsThatDoNotMatchTheSize() {
    assertThatThrownBy(() -> PngGrayEncoder.encode(new byte[10], 3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3x4 map has 12 pixels, got 10");
    assertThatThrownBy(() -> PngGrayEncoder.encode(new byte[0], 0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x4");
  }

  @ParameterizedTest
  @CsvSource({"1,0,true", "1,2,false", "1,2,true", "9,0,false", "0,0,false"})
  void shouldDecodeToTheSameLabelsWithEveryMeasuredSetting(int level, int strategy, boolean upFilter) throws Exception {
    byte[] labels = labels();

    byte[] png = PngGrayEncoder.encode(labels, WIDTH, HEIGHT, level, strategy, upFilter);

    assertThat(imageIoDecoded(png, WIDTH, HEIGHT)).isEqualTo(labels);
  }

  private static byte[] labels() {
    byte[] labels = new byte[WIDTH * HEIGHT];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) ((i * 7 / 13) % 19);
    }
    return labels;
  }

  private static byte[] imageIoDecoded(byte[] png, int width, int height) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    byte[] decoded = new byte[width * height];
    image.getRaster().getDataElements(0, 0, width, height, decoded);
    return decoded;
  }

  /** What PNG deflates with filter None: a zero byte, then the row, for every row. */
  private static byte[] rows(Labels map) {
    byte[] rows = new byte[(map.width() + 1) * map.height()];
    for (int y = 0; y < map.height(); y++) {
      System.arraycopy(map.pixels(), y * map.width(), rows, y * (map.width() + 1) + 1, map.width());
    }
    return rows;
  }

  /** The IDAT data, every chunk's CRC checked on the way. */
  private static byte[] idat(byte[] png) {
    ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    String type = "";
    while (!type.equals("IEND")) {
      int length = in.getInt();
      int typeStart = in.position();
      type = new String(png, typeStart, 4, StandardCharsets.US_ASCII);
      CRC32 crc = new CRC32();
      crc.update(png, typeStart, 4 + length);
      if (type.equals("IDAT")) {
        data.write(png, typeStart + 4, length);
      }
      in.position(typeStart + 4 + length);
      assertThat(in.getInt()).as(type + " CRC").isEqualTo((int) crc.getValue());
    }
    assertThat(in.remaining()).as("bytes after IEND").isZero();
    return data.toByteArray();
  }

  private static byte[] inflated(byte[] zlib) throws Exception {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(zlib);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[65536];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        assertThat(n > 0 || !inflater.needsInput()).as("stream ends before its end marker").isTrue();
        out.write(buffer, 0, n);
      }
      assertThat(inflater.getRemaining()).as("bytes after the zlib stream").isZero();
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }
}
