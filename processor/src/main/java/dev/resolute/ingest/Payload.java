package dev.resolute.ingest;

/**
 * Encoded bytes of one chunk, with the source time of each of its frames.
 *
 * @param framePtsMicros presentation times in presentation order, one per frame
 * @param codedWidth width of the encoded pictures when padding made it differ from the source's, else 0
 * @param codedHeight as {@code codedWidth}
 * @param streamStartMicros source time of the first packet read from the stream (or session), keyframe or not
 * @param discontinuities backward jumps of the source clock so far (see {@link SourceTimeline})
 * @param decodeOnlyFrames how many of the first frames were published before and only help decode the rest
 * @param lastSourcePts the source's raw presentation time (stream time base) of the last new frame;
 *     {@link Long#MIN_VALUE} where there is no source clock (a transcode)
 */
record Payload(byte[] bytes, String codec, long[] framePtsMicros, int codedWidth, int codedHeight, long streamStartMicros,
    int discontinuities, int decodeOnlyFrames, long lastSourcePts) {
  /** All frames new, and no source clock to resume from. */
  Payload(byte[] bytes, String codec, long[] framePtsMicros, int codedWidth, int codedHeight, long streamStartMicros,
      int discontinuities) {
    this(bytes, codec, framePtsMicros, codedWidth, codedHeight, streamStartMicros, discontinuities, 0, Long.MIN_VALUE);
  }

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
