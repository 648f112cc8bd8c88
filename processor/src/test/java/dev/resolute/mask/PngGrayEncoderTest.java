package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngGrayEncoderTest {

  @Test
  void shouldProduceAPngThatImageIoDecodesToTheSameLabels() throws Exception {
    int width = 37;
    int height = 23;
    byte[] labels = new byte[width * height];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) ((i * 7 / 13) % 19);
    }

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngGrayEncoder.encode(labels, width, height)));

    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    byte[] decoded = new byte[labels.length];
    image.getRaster().getDataElements(0, 0, width, height, decoded);
    assertThat(decoded).isEqualTo(labels);
  }
}
