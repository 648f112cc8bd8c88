package dev.resolute.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PictureTest {

  @Test
  void shouldTakeBgrRowsFromAPaddedBufferAndGiveThemBackPacked() {
    int width = 5;
    int height = 3;
    int stride = 3 * width + 7; // a grabber's rows padded to its own alignment
    ByteBuffer image = ByteBuffer.allocate(stride * height);
    byte[] packed = new byte[3 * width * height];
    for (int y = 0; y < height; y++) {
      for (int i = 0; i < 3 * width; i++) {
        byte value = (byte) (y * 50 + i);
        image.put(y * stride + i, value);
        packed[y * 3 * width + i] = value;
      }
      image.put(y * stride + 3 * width, (byte) 255); // padding that must not leak into the picture
    }

    Picture picture = Picture.ofBgr24(image, stride, width, height);

    assertThat(picture.width()).isEqualTo(width);
    assertThat(picture.height()).isEqualTo(height);
    try (PictureScaler scaler = new PictureScaler()) {
      assertThat(scaler.bgr(picture, width, height)).isEqualTo(packed);
    }
  }

  @Test
  void shouldRefuseRowsShorterThanThePixels() {
    assertThatThrownBy(() -> Picture.ofBgr24(ByteBuffer.allocate(100), 10, 5, 2))
        .hasMessage("BGR24 rows of 10 bytes cannot hold 5 pixels");
  }
}
