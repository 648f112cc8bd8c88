package dev.resolute.workbench.demo;

import dev.resolute.config.Secrets;
import dev.resolute.ingest.LiveCameraIngest;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A live camera ingested for a while: live ingest runs on a thread of its own, as it does under
 * {@code resolute ingest}, and is stopped when the time is up.
 */
final class LiveCameraSource implements ChunkSource {
  static final String MODE = "LIVE";
  /**
   * How long a stopped camera may take to hand over its last chunk: a read in progress ends within
   * the ingest's network timeout, a backoff wait only when interrupted.
   */
  private static final Duration STOP_WAIT = LiveCameraIngest.Settings.DEFAULT.timeout().multipliedBy(2);

  private final String url;
  private final String cameraId;
  private final Duration duration;
  private final boolean loop;
  private final PrintStream console;

  LiveCameraSource(String url, String cameraId, Duration duration, boolean loop, PrintStream console) {
    this.url = url;
    this.cameraId = cameraId;
    this.duration = duration;
    this.loop = loop;
    this.console = console;
  }

  @Override
  public String name() {
    return Secrets.redact(url); // it goes into summary.json
  }

  @Override
  public String describe() {
    return "live camera " + Secrets.redact(url) + " for " + duration.toMillis() / 1000.0 + " s";
  }

  @Override
  public Ingested ingest(Consumer<VideoChunk> publish) throws InterruptedException {
    Gate gate = new Gate(publish);
    LiveCameraIngest camera = new LiveCameraIngest(new LiveCameraIngest.Spec(cameraId, url, Map.of()),
        LiveCameraIngest.Settings.DEFAULT.withLoop(loop), gate, Clock.systemUTC());
    Thread worker = new Thread(camera, "ingest-" + cameraId);
    worker.setDaemon(true); // a camera that never answers must not keep the JVM alive
    worker.start();
    try {
      worker.join(duration.toMillis()); // a source that ends ends its worker, and the demo need not wait out the rest
    } finally {
      camera.stop();
      worker.join(STOP_WAIT.toMillis());
      if (worker.isAlive()) {
        worker.interrupt(); // it is waiting to reconnect: that wait ends on an interrupt
        worker.join(STOP_WAIT.toMillis());
      }
    }
    Ingested ingested = gate.close();
    if (camera.health().isEnded()) {
      console.printf("camera %s: the source ended after %d frames%n", Secrets.redact(url), ingested.frames());
    }
    if (ingested.chunks() == 0) {
      console.printf("camera %s sent no video in %s s (%d reconnect attempts)%n", Secrets.redact(url), duration.toMillis() / 1000.0,
          camera.health().reconnects());
    }
    return ingested;
  }

  /**
   * Publishes and counts chunks until closed. A worker that outlives its stop could still send one:
   * it must neither reach Kafka after the publisher is gone nor be missing from the count.
   */
  private static final class Gate implements Consumer<VideoChunk> {
    private final Consumer<VideoChunk> publish;
    private boolean open = true;
    private long chunks;
    private long frames;

    Gate(Consumer<VideoChunk> publish) {
      this.publish = publish;
    }

    @Override
    public synchronized void accept(VideoChunk chunk) {
      if (open) {
        publish.accept(chunk);
        chunks++;
        frames += ChunkTimeline.newFrames(chunk);
      }
    }

    synchronized Ingested close() {
      open = false;
      return new Ingested(MODE, chunks, frames);
    }
  }
}
