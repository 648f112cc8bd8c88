package dev.resolute.ingest;

/**
 * Encoded bytes of one chunk, with the source time of each of its frames.
 *
 * @param framePtsMicros presentation times in presentation order, one per frame
 * @param codedWidth width of the encoded pictures when padding made it differ from the source's, else 0
 * @param codedHeight as {@code codedWidth}
 * @param streamStartMicros source time of the first packet read from the stream (or session), keyframe or not
 * @param discontinuities backward jumps of the source clock so far (see {@link SourceTimeline})
 */
record Payload(byte[] bytes, String codec, long[] framePtsMicros, int codedWidth, int codedHeight, long streamStartMicros,
    int discontinuities) {
  int frames() {
    return framePtsMicros.length;
  }

  long firstPtsMicros() {
    return framePtsMicros[0];
  }

  long lastPtsMicros() {
    return framePtsMicros[framePtsMicros.length - 1];
  }
}
