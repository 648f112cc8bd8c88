package dev.resolute.workbench.bench;

import dev.resolute.mask.PngGrayEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * What PNG's deflate settings cost and save on label maps of the source size: bytes and
 * milliseconds per mask for the label-map deflater the processor uses and for {@link Deflater}'s
 * levels, strategies and row filters, on the clip's true label maps (large regions with clean
 * edges, as a good segmentation gives).
 */
public final class PngSettings {

  /** One setting's medians per mask. */
  public record Row(String setting, double bytes, double ms) {}

  private interface Encoder {
    byte[] encode(byte[] pixels, int width, int height);
  }

  private record Setting(String name, Encoder encoder) {
    static Setting deflater(String name, int level, int strategy, boolean up) {
      return new Setting(name, (pixels, w, h) -> PngGrayEncoder.encode(pixels, w, h, level, strategy, up));
    }
  }

  private static final List<Setting> SETTINGS = List.of(
      new Setting("runs and row above, no filter (current)", PngGrayEncoder::encode),
      Setting.deflater("level 1, no filter (previous default)", Deflater.BEST_SPEED, Deflater.DEFAULT_STRATEGY, false),
      Setting.deflater("level 1, Up filter", Deflater.BEST_SPEED, Deflater.DEFAULT_STRATEGY, true),
      Setting.deflater("Huffman only, no filter", Deflater.BEST_SPEED, Deflater.HUFFMAN_ONLY, false),
      Setting.deflater("Huffman only, Up filter", Deflater.BEST_SPEED, Deflater.HUFFMAN_ONLY, true),
      Setting.deflater("level 3, no filter", 3, Deflater.DEFAULT_STRATEGY, false),
      Setting.deflater("level 6, no filter", 6, Deflater.DEFAULT_STRATEGY, false),
      Setting.deflater("level 9, no filter", 9, Deflater.DEFAULT_STRATEGY, false),
      Setting.deflater("level 0 (stored)", Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY, false));

  private final int runs;

  public PngSettings(int runs) {
    this.runs = runs;
  }

  public List<Row> run(BenchClip clip) {
    int frames = Math.min(8, clip.frames());
    List<byte[]> maps = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      maps.add(clip.scene().labels(i));
    }
    int width = clip.scene().width();
    int height = clip.scene().height();
    List<Row> rows = new ArrayList<>();
    for (Setting s : SETTINGS) {
      Samples ms = new Samples(runs);
      long bytes = 0;
      // the label-map deflater is Java, which reaches its steady speed after about 80 masks; Deflater's
      // native code needs no such wait, and is not slowed by it
      JitWarmUp.run(() -> encodeAll(s, maps, width, height));
      for (int run = 0; run < runs; run++) {
        long start = System.nanoTime();
        bytes = encodeAll(s, maps, width, height);
        ms.add(run, (System.nanoTime() - start) / 1e6 / maps.size());
      }
      rows.add(new Row(s.name(), (double) bytes / maps.size(), ms.median()));
    }
    return rows;
  }

  private static long encodeAll(Setting s, List<byte[]> maps, int width, int height) {
    long bytes = 0;
    for (byte[] map : maps) {
      bytes += s.encoder().encode(map, width, height).length;
    }
    return bytes;
  }

  public static String markdown(List<Row> rows) {
    StringBuilder md = new StringBuilder("#### PNG settings for label maps\n\n| setting | bytes per mask | ms per mask |\n|---|---|---|\n");
    for (Row r : rows) {
      md.append(String.format("| %s | %.0f | %.2f |%n", r.setting(), r.bytes(), r.ms()));
    }
    return md.append('\n').toString();
  }
}
