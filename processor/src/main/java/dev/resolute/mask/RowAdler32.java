package dev.resolute.mask;

import java.util.Arrays;

/**
 * The Adler-32 of a label map's PNG rows with filter None (a zero byte, then the row), worked out
 * from runs and repeated rows instead of byte by byte: byte-wise Adler-32 of a 1280x720 map costs
 * more than compressing it.
 *
 * <p>Adler-32 of bytes d<sub>0</sub>..d<sub>n-1</sub> is A = 1 + &Sigma;d<sub>i</sub> and
 * B = n + n&Sigma;d<sub>i</sub> - &Sigma;i&middot;d<sub>i</sub>, both mod 65521. So each row only
 * needs its sum and its sum weighted by column; a row equal to the one above has the same two, and a
 * run of one value has them in closed form.
 */
final class RowAdler32 {
  private static final int MOD = 65521;

  private RowAdler32() {}

  static int of(byte[] pixels, int width, int height) {
    long stride = width + 1L;
    long sum = 0; // of every byte, mod MOD
    long weighted = 0; // of every byte times its position in the stream, mod MOD
    long rowSum = 0;
    long rowWeighted = 0; // by column within the row, mod MOD
    for (int y = 0; y < height; y++) {
      int start = y * width;
      int end = start + width;
      if (y == 0 || Arrays.mismatch(pixels, start, end, pixels, start - width, start) >= 0) {
        rowSum = 0;
        rowWeighted = 0;
        for (int x = start; x < end; ) {
          int runEnd = PixelRuns.end(pixels, x, end);
          long value = pixels[x] & 0xff;
          long length = runEnd - x;
          long column = x - start;
          rowSum += value * length;
          rowWeighted += value * ((column * length + length * (length - 1) / 2) % MOD);
          x = runEnd;
        }
        rowSum %= MOD;
        rowWeighted %= MOD;
      }
      long firstPixel = (y * stride + 1) % MOD; // after the row's filter byte, which adds nothing
      sum = (sum + rowSum) % MOD;
      weighted = (weighted + firstPixel * rowSum + rowWeighted) % MOD;
    }
    long n = stride * height % MOD;
    long a = (1 + sum) % MOD;
    long b = Math.floorMod(n + n * sum - weighted, MOD);
    return (int) (b << 16 | a);
  }
}
