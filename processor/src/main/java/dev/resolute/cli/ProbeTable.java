package dev.resolute.cli;

import dev.resolute.ingest.IngestPlan;
import dev.resolute.ingest.SourceProbe;
import dev.resolute.ingest.VideoFileChunker;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code resolute probe}'s answer: one line per fact a misbehaving file is usually explained by. */
record ProbeTable(String source, boolean live, SourceProbe probe, IngestPlan plan, double chunkSeconds) {

  String render() {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("source", source + (live ? String.format(" (live, sampled %.1f s of " + (probe.arrivalClock() ? "wall" : "stream") + " time)", probe.durationSeconds()) : ""));
    rows.put("container", probe.container());
    rows.put("codec", probe.codec() + (probe.reordered() ? ", with B-frames (frames arrive out of display order)" : ""));
    boolean odd = (probe.width() | probe.height()) % 2 == 1;
    rows.put("size", probe.width() + "x" + probe.height() + (odd && plan.mode() == VideoFileChunker.Mode.TRANSCODE_H264
        ? " (odd: the H.264 encode pads to even and the decoder crops back)" : ""));
    rows.put("rotation", probe.stream().rotationDegrees() == 0 ? "none"
        : probe.stream().rotationDegrees() + "° clockwise for display (frames and masks stay as stored)");
    rows.put("frame rate", String.format("%.3f nominal, %.3f measured over %d frames in %.2f s",
        probe.fps(), probe.measuredFps(), probe.frames(), probe.durationSeconds()));
    rows.put("clock", probe.arrivalClock()
        ? "arrival clock: the stream carries no timestamps of its own (" + probe.container() + "), so each frame is timed "
            + "when it arrives; the nominal rate is the demuxer's default, the measured one is by wall time"
        : "source clock: each frame keeps the time the source gave it");
    rows.put("timing", probe.variableTiming()
        ? String.format("variable: frames %.1f to %.1f ms apart (median %.1f ms); each frame keeps its own time",
            probe.minIntervalMicros() / 1000.0, probe.maxIntervalMicros() / 1000.0, probe.medianIntervalMicros() / 1000.0)
        : String.format("constant, %.1f ms per frame", probe.medianIntervalMicros() / 1000.0));
    rows.put("video packets", String.format("%d, of which %d zero-length (repeat the previous frame: no new picture), %d "
        + "before the first keyframe (cannot be decoded alone: left out) and %d leading pictures of open GOPs",
        probe.videoPackets(), probe.emptyPackets(), probe.packetsBeforeFirstKeyframe(), probe.leadingPictures()));
    rows.put("keyframes", probe.keyframePtsMicros().length == 0 ? "none"
        : String.format("%d, up to %.2f s apart; largest GOP %.1f KiB", probe.keyframePtsMicros().length,
            probe.maxKeyframeGapSeconds(), probe.maxGopBytes() / 1024.0));
    rows.put("audio", probe.audioStreams() == 0 ? "none"
        : probe.audioStreams() + " track(s), left out: Resolute segments the video");
    rows.put("ingest", describe(plan));
    rows.put("chunks", String.format("%s%d of about %.1f s of source time", live ? "about " : "", plan.expectedChunks(), chunkSeconds));
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    rows.forEach((key, value) -> out.append(String.format("%-" + width + "s  %s%n", key, value)));
    return out.toString();
  }

  private static String describe(IngestPlan plan) {
    return switch (plan.mode()) {
      case STREAM_COPY -> "stream copy: " + plan.reason();
      case TRANSCODE_H264 -> "re-encode to H.264: " + plan.reason();
      case REFUSED -> "refused: " + plan.reason();
    };
  }
}
