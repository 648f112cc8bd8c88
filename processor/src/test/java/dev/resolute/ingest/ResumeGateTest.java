package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;

/** The gate on packets in decode order, times in frames of a 1/1 time base unless a test says otherwise. */
class ResumeGateTest {
  /** What left the gate: source time, and whether decode-only. */
  private record Out(long pts, boolean decodeOnly) {}

  @Test
  void shouldSkipWholeGopsBehindAndTakeTheResumePointsGopFromItsKeyframe() {
    // GOPs of 5 without B-frames; frames 0..7 were published
    List<Out> out = run(new ResumePoint(1, 1, 64, 7), frames(0, 15));

    assertThat(out).containsExactly(
        new Out(5, true), new Out(6, true), new Out(7, true), new Out(8, false), new Out(9, false),
        new Out(10, false), new Out(11, false), new Out(12, false), new Out(13, false), new Out(14, false));
  }

  @Test
  void shouldMarkFramesShownBeforeTheResumePointDecodeOnlyWhenBFramesReorderThem() {
    // decode order I0 P3 B1 B2 P6 B4 B5 P9 B7 B8 | I10...; frames up to 4 were published
    long[] order = {0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 10, 13, 11, 12};
    List<Out> out = run(new ResumePoint(1, 1, 64, 4), packets(order, 10));

    assertThat(out).containsExactly(
        new Out(0, true), new Out(3, true), new Out(1, true), new Out(2, true),
        new Out(6, false), new Out(4, true), new Out(5, false),
        new Out(9, false), new Out(7, false), new Out(8, false),
        new Out(10, false), new Out(13, false), new Out(11, false), new Out(12, false));
    assertThat(out.stream().filter(Out::decodeOnly).count()).as("the first five frames in presentation order").isEqualTo(5);
  }

  @Test
  void shouldLeaveOutAGopWhoseEveryFrameWasPublishedEvenIfSomeOnlyNowArrive() {
    // the previous session published 0 1 2 3 6 (its connection dropped before B4 and B5): 4 and 5 are
    // shown before 6 and cannot follow it; the GOP 0..9 holds 7 8 9, new, so it is taken for them
    long[] order = {0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 10};
    List<Out> out = run(new ResumePoint(1, 1, 64, 6), packets(order, 10));

    assertThat(out.stream().filter(o -> !o.decodeOnly()).map(Out::pts).toList()).containsExactly(9L, 7L, 8L, 10L);
    assertThat(out.stream().filter(Out::decodeOnly).map(Out::pts).toList()).containsExactly(0L, 3L, 1L, 2L, 6L, 4L, 5L);
  }

  @Test
  void shouldResumeAcrossTheWrapOfThe33BitClock() {
    long wrap = 1L << 33;
    long[] order = new long[12];
    for (int i = 0; i < order.length; i++) {
      order[i] = (wrap - 6 * 3600 + i * 3600L) & (wrap - 1); // 40 ms frames at 90 kHz, wrapping after the sixth
    }
    ResumePoint published = new ResumePoint(1, 90_000, 33, order[6]); // the first frame past the wrap, at 0

    List<Out> out = run(published, packets(order, 4));

    assertThat(out.stream().filter(Out::decodeOnly).map(Out::pts).toList()).as("the GOP from frame 4, up to frame 6")
        .containsExactly(order[4], order[5], order[6]);
    assertThat(out.stream().filter(o -> !o.decodeOnly()).map(Out::pts).toList())
        .containsExactly(order[7], order[8], order[9], order[10], order[11]);
  }

  @Test
  void shouldPassNothingWhenTheSessionEndsBeforeANewFrame() {
    List<Out> out = run(new ResumePoint(1, 1, 64, 100), frames(0, 12));

    assertThat(out).isEmpty();
  }

  /** Frames {@code from}..{@code to}-1 in order. */
  private static long[] frames(int from, int to) {
    long[] pts = new long[to - from];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = from + i;
    }
    return pts;
  }

  private static long[][] packets(long[] order, int gop) {
    return new long[][] {order, {gop}};
  }

  /** A keyframe every fifth packet. */
  private static List<Out> run(ResumePoint from, long[] inOrder) {
    return run(from, packets(inOrder, 5));
  }

  /** Every {@code gop}-th packet in decode order is a keyframe. */
  private static List<Out> run(ResumePoint from, long[][] orderAndGop) {
    long[] order = orderAndGop[0];
    int gop = (int) orderAndGop[1][0];
    List<Out> out = new ArrayList<>();
    try (ResumeGate gate = new ResumeGate(from, (packet, decodeOnly) -> out.add(new Out(packet.pts(), decodeOnly)))) {
      for (int i = 0; i < order.length; i++) {
        AVPacket packet = av_packet_alloc();
        try {
          av_new_packet(packet, 16);
          packet.pts(order[i]);
          packet.dts(i);
          packet.flags(i % gop == 0 ? AV_PKT_FLAG_KEY : 0);
          gate.accept(packet);
        } finally {
          av_packet_free(packet);
        }
      }
    }
    return out;
  }
}
