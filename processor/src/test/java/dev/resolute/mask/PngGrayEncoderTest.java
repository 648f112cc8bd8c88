package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PngGrayEncoderTest {

  private static final int WIDTH = 37;
  private static final int HEIGHT = 23;

  @Test
  void shouldProduceAPngThatImageIoDecodesToTheSameLabels() throws Exception {
    byte[] labels = labels();

    assertThat(decoded(PngGrayEncoder.encode(labels, WIDTH, HEIGHT))).isEqualTo(labels);
  }

  @ParameterizedTest
  @CsvSource({"1,0,true", "1,2,false", "1,2,true", "9,0,false", "0,0,false"})
  void shouldDecodeToTheSameLabelsWithEveryMeasuredSetting(int level, int strategy, boolean upFilter) throws Exception {
    byte[] labels = labels();

    assertThat(decoded(PngGrayEncoder.encode(labels, WIDTH, HEIGHT, level, strategy, upFilter))).isEqualTo(labels);
  }

  private static byte[] labels() {
    byte[] labels = new byte[WIDTH * HEIGHT];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) ((i * 7 / 13) % 19);
    }
    return labels;
  }

  private static byte[] decoded(byte[] png) throws Exception {
    int width = WIDTH;
    int height = HEIGHT;
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    byte[] decoded = new byte[width * height];
    image.getRaster().getDataElements(0, 0, width, height, decoded);
    return decoded;
  }
}
