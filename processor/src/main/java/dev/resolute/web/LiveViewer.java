package dev.resolute.web;

import dev.resolute.config.KafkaClientConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;

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

  /**
   * Serves the page at {@code address} (port 0: any free one, see {@link #address()}); it lists no
   * camera until {@link #follow}. {@code token}: what a request must carry (null for none, which
   * the caller allows only on loopback); {@code hostNames}: names beyond the bound address that
   * the Host header may carry.
   */
  public static LiveViewer serve(InetSocketAddress address, String token, Collection<String> hostNames) throws IOException {
    return new LiveViewer(ViewerServer.start(new ViewState(), address, token, hostNames));
  }

  /** A fresh random token for a viewer bound beyond loopback. */
  public static String newToken() {
    return ViewerAccess.newToken();
  }

  /**
   * Starts reading the chunk, mask and cost topics of this cluster, from now on; closing what it
   * returns stops reading (the page stays), so that a caller can close the consumer before the
   * cluster goes.
   */
  public synchronized AutoCloseable follow(String bootstrapServers, KafkaClientConfig client) {
    if (tail != null) {
      throw new IllegalStateException("the viewer already follows a cluster");
    }
    TopicTail started = new TopicTail(bootstrapServers, client, server.state());
    tail = started;
    started.start();
    return started::close;
  }

  public InetSocketAddress address() {
    return server.address();
  }

  public int port() {
    return server.address().getPort();
  }

  @Override
  public synchronized void close() {
    if (tail != null) {
      tail.close();
    }
    server.close();
  }
}
