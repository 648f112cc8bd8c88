package dev.resolute.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;

import dev.resolute.inference.FramePreparer;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PictureScalerTest {
  @TempDir Path dir;

  @Test
  void shouldDecodeH264ToPicturesWhoseBgrIsExactlyWhatTheGrabberGave() throws Exception {
    VideoChunk chunk = firstH264Chunk(10);

    List<DecodedFrame> frames = new ChunkDecoder().decode(chunk);
    List<byte[]> reference = ReferenceBgrDecode.frames(chunk);

    assertThat(frames).hasSameSizeAs(reference);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).picture().data().length).as("4:2:0 keeps half the bytes of BGR")
          .isLessThan(reference.get(i).length * 2 / 3);
      assertThat(frames.get(i).bgr()).as("frame %d", i).isEqualTo(reference.get(i));
    }
  }

  @Test
  void shouldWritePlanesInTheModelsChannelOrderWithTheBgrValuesAtTheSourceSize() throws Exception {
    Picture picture = new ChunkDecoder().decode(firstH264Chunk(4)).get(2).picture();
    int plane = 96 * 64;

    byte[] bgr;
    byte[] rgbPlanes = new byte[3 * plane];
    byte[] bgrPlanes = new byte[3 * plane];
    try (PictureScaler scaler = new PictureScaler()) {
      bgr = scaler.bgr(picture, 96, 64);
      scaler.planesInto(picture, 96, 64, "RGB", rgbPlanes);
      scaler.planesInto(picture, 96, 64, "BGR", bgrPlanes);
    }

    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(rgbPlanes[c * plane + i]).as("pixel %d, channel %d of RGB", i, c).isEqualTo(bgr[3 * i + 2 - c]);
        assertThat(bgrPlanes[c * plane + i]).as("pixel %d, channel %d of BGR", i, c).isEqualTo(bgr[3 * i + c]);
      }
    }
  }

  @Test
  void shouldDropTheRowPaddingOfPlanesWhoseWidthIsNotAligned() {
    int width = 70;
    int height = 9;
    byte[] gray = new byte[Picture.bytes(AV_PIX_FMT_GRAY8, width, height)];
    int stride = gray.length / height;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        gray[y * stride + x] = (byte) (3 * x + 10 * y);
      }
    }
    Picture picture = new Picture(AV_PIX_FMT_GRAY8, width, height, gray);
    // 33 columns: FFmpeg pads each output row to 64 bytes, which must not reach the planes
    byte[] planes = new byte[3 * 33 * 7];
    byte[] bgr;
    try (PictureScaler scaler = new PictureScaler()) {
      scaler.planesInto(picture, 33, 7, "RGB", planes);
      bgr = scaler.bgr(picture, 33, 7);
    }

    for (int i = 0; i < 33 * 7; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(planes[c * 33 * 7 + i] & 0xff).as("pixel %d, channel %d", i, c).isCloseTo(bgr[3 * i] & 0xff, within(1));
      }
    }
  }

  @Test
  void shouldAverageEverySourcePixelWhenShrinkingWhereTwoTapsSkipSome() {
    // columns repeating white, black, black, white: at a quarter of the width, the half-pixel
    // two-tap bilinear reads the two black columns of every group and never a white one
    int width = 64;
    int height = 16;
    byte[] gray = new byte[Picture.bytes(AV_PIX_FMT_GRAY8, width, height)];
    int stride = gray.length / height;
    byte[] bgr = new byte[3 * width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        byte v = (byte) (x % 4 == 0 || x % 4 == 3 ? 255 : 0);
        gray[y * stride + x] = v;
        bgr[3 * (y * width + x)] = v;
        bgr[3 * (y * width + x) + 1] = v;
        bgr[3 * (y * width + x) + 2] = v;
      }
    }
    Picture picture = new Picture(AV_PIX_FMT_GRAY8, width, height, gray);

    byte[] scaled;
    try (PictureScaler scaler = new PictureScaler()) {
      scaled = scaler.bgr(picture, width / 4, height / 4);
    }

    for (byte b : scaled) {
      assertThat(b & 0xff).isBetween(120, 136);
    }
    float[] twoTaps = new float[3 * (width / 4) * (height / 4)];
    new FramePreparer(RgbSegmenterModel.descriptor()).prepare(bgr, width, height, twoTaps, 0, width / 4, height / 4);
    assertThat(twoTaps).as("the Java two-tap resize this replaces").containsOnly(0f);
  }

  @Test
  void shouldRefuseABufferOfTheWrongSize() {
    try (PictureScaler scaler = new PictureScaler()) {
      Picture picture = new Picture(AV_PIX_FMT_GRAY8, 32, 16, new byte[Picture.bytes(AV_PIX_FMT_GRAY8, 32, 16)]);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> scaler.bgrInto(picture, 16, 8, new byte[10]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16x8");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> scaler.planesInto(picture, 16, 8, "RGB", new byte[10]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16x8");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> scaler.planesInto(picture, 16, 8, "RGA", new byte[3 * 16 * 8]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RGA");
    }
  }

  /** The first chunk of a 96x64 H.264 clip of the synthetic scene. */
  private VideoChunk firstH264Chunk(int frames) throws Exception {
    Path file = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(96, 64, frames), frames, FootageWriter.Codec.H264, file);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(file, "cam", null, chunks::add);
    return chunks.get(0);
  }
}
