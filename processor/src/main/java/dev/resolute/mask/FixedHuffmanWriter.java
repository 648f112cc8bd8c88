package dev.resolute.mask;

import java.util.Arrays;

/**
 * Deflate's fixed-Huffman symbols (RFC 1951, 3.2.6) written least significant bit first into a
 * growable array. Fixed codes need no code tables in the stream and no symbol counting first,
 * which is what makes a single pass over a label map enough.
 */
final class FixedHuffmanWriter {
  static final int MIN_MATCH = 3;
  static final int MAX_MATCH = 258;
  static final int MAX_DISTANCE = 32768;

  private static final int[] LENGTH_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
  };
  private static final int[] LENGTH_EXTRA = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };
  private static final int[] DISTANCE_BASE = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
    6145, 8193, 12289, 16385, 24577
  };
  private static final int END_OF_BLOCK = 256;
  private static final int FIRST_LENGTH_SYMBOL = 257;

  // a symbol's code with its extra bits, ready to shift in: bits in the low 32, bit count above
  private static final long[] LITERAL = new long[256];
  private static final long[] LENGTH = new long[MAX_MATCH + 1];

  static {
    for (int v = 0; v < 256; v++) {
      LITERAL[v] = symbol(v);
    }
    int code = 0;
    for (int length = MIN_MATCH; length <= MAX_MATCH; length++) {
      // the last code whose base fits, so that 258 gets its own symbol rather than 284 with 31 extra
      while (code + 1 < LENGTH_BASE.length && LENGTH_BASE[code + 1] <= length) {
        code++;
      }
      LENGTH[length] = append(symbol(FIRST_LENGTH_SYMBOL + code), length - LENGTH_BASE[code], LENGTH_EXTRA[code]);
    }
  }

  private byte[] out;
  private int size;
  private long pending;
  private int pendingBits;

  FixedHuffmanWriter(int capacity) {
    out = new byte[Math.max(16, capacity)];
  }

  /** A distance's code with its extra bits, as {@link #match} takes it. */
  static long distance(int distance) {
    if (distance < 1 || distance > MAX_DISTANCE) {
      throw new IllegalArgumentException("deflate distances are 1 to " + MAX_DISTANCE + ", got " + distance);
    }
    int code = DISTANCE_BASE.length - 1;
    while (DISTANCE_BASE[code] > distance) {
      code--;
    }
    int extraBits = Math.max(0, code / 2 - 1);
    return append(reversed(code, 5), distance - DISTANCE_BASE[code], extraBits);
  }

  void bits(int value, int count) {
    put(value & 0xffffffffL, count);
  }

  void startFinalFixedBlock() {
    put(0b011, 3); // BFINAL 1, then BTYPE 01 least significant bit first
  }

  void literal(int value) {
    put(LITERAL[value]);
  }

  /** A back-reference; {@code distance} from {@link #distance(int)}. */
  void match(int length, long distance) {
    long code = LENGTH[length];
    int lengthBits = (int) (code >>> 32);
    put((code & 0xffffffffL) | (distance & 0xffffffffL) << lengthBits, lengthBits + (int) (distance >>> 32));
  }

  void endBlock() {
    put(symbol(END_OF_BLOCK));
  }

  /** Pads the last byte with zeros; what follows starts on a byte boundary. */
  void alignToByte() {
    while (pendingBits > 0) {
      ensure(1);
      out[size++] = (byte) pending;
      pending >>>= 8;
      pendingBits = Math.max(0, pendingBits - 8);
    }
    pending = 0;
  }

  void bigEndianInt(int value) {
    alignToByte();
    ensure(4);
    out[size++] = (byte) (value >>> 24);
    out[size++] = (byte) (value >>> 16);
    out[size++] = (byte) (value >>> 8);
    out[size++] = (byte) value;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(out, size);
  }

  private void put(long code) {
    put(code & 0xffffffffL, (int) (code >>> 32));
  }

  // at most 32 bits at a time: what is left pending stays under 32, so the accumulator never overflows
  private void put(long bits, int count) {
    pending |= bits << pendingBits;
    pendingBits += count;
    if (pendingBits >= 32) {
      ensure(4);
      out[size] = (byte) pending;
      out[size + 1] = (byte) (pending >>> 8);
      out[size + 2] = (byte) (pending >>> 16);
      out[size + 3] = (byte) (pending >>> 24);
      size += 4;
      pending >>>= 32;
      pendingBits -= 32;
    }
  }

  private void ensure(int bytes) {
    if (size + bytes > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, size + bytes));
    }
  }

  private static long symbol(int symbol) {
    if (symbol < 144) {
      return reversed(0x30 + symbol, 8);
    } else if (symbol < 256) {
      return reversed(0x190 + symbol - 144, 9);
    } else if (symbol < 280) {
      return reversed(symbol - 256, 7);
    }
    return reversed(0xc0 + symbol - 280, 8);
  }

  // Huffman codes go out most significant bit first, everything else least significant first
  private static long reversed(int code, int bits) {
    return (long) bits << 32 | (Integer.reverse(code) >>> (32 - bits));
  }

  private static long append(long code, int extra, int extraBits) {
    int bits = (int) (code >>> 32);
    return (long) (bits + extraBits) << 32 | (code & 0xffffffffL) | (long) extra << bits;
  }
}
