package dev.resolute.web;

import dev.resolute.config.KafkaClientConfig;
import java.io.IOException;

/**
 * The live viewer: its page served from the start, and the topics followed once a cluster is known
 * (the demo starts its broker after the port is taken, so that a clash fails at once).
 */
public final class LiveViewer implements AutoCloseable {
  private final ViewerServer server;
  private TopicTail tail;

  private LiveViewer(ViewerServer server) {
    this.server = server;
  }

  /** Serves the page on {@code port} (0: any free port, see {@link #port()}); it lists no camera until {@link #follow}. */
  public static LiveViewer serve(int port) throws IOException {
    return new LiveViewer(ViewerServer.start(new ViewState(), port));
  }

  /** Starts reading the chunk, mask and cost topics of this cluster, from now on. */
  public synchronized void follow(String bootstrapServers, KafkaClientConfig client) {
    if (tail != null) {
      throw new IllegalStateException("the viewer already follows a cluster");
    }
    tail = new TopicTail(bootstrapServers, client, server.state());
    tail.start();
  }

  public int port() {
    return server.port();
  }

  @Override
  public synchronized void close() {
    if (tail != null) {
      tail.close();
    }
    server.close();
  }
}
