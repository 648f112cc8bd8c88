package dev.resolute.workbench.cli;

import dev.resolute.testkit.traffic.ChunkPacer;
import java.util.function.Consumer;

/**
 * Replay progress on the console: a bar redrawn in place on a terminal (towards --duration when
 * there is one), a plain line every few seconds when output goes to a file or a pipe.
 */
final class ProgressLine implements Consumer<ChunkPacer.Result> {
  private static final int WIDTH = 30;
  private final long durationMs;
  private final boolean terminal = System.console() != null;
  private long lastMs = -1;

  ProgressLine(long durationMs) {
    this.durationMs = durationMs;
  }

  @Override
  public void accept(ChunkPacer.Result progress) {
    long every = terminal ? 200 : 5000;
    if (lastMs >= 0 && progress.wallMs() - lastMs < every) {
      return;
    }
    lastMs = progress.wallMs();
    String counts = String.format("%d chunks, %d frames, %.0f s", progress.chunks(), progress.frames(), progress.wallMs() / 1000.0);
    if (!terminal) {
      System.out.println("  sent " + counts);
      return;
    }
    String bar = "";
    if (durationMs > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * progress.wallMs() / durationMs);
      bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] ";
    }
    System.out.print("\r  " + bar + counts + "   ");
    System.out.flush();
  }

  /** Ends the redrawn line so that what follows starts on its own. */
  void finish() {
    if (terminal) {
      System.out.println();
    }
  }
}
