package dev.resolute.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's HTTP server on a bounded pool. Its default runs every exchange on the dispatcher
 * thread, so one client that sends half a request stops every other; a cached pool instead grows
 * a thread per client without bound. Here at most {@code threads} exchanges run and
 * {@code queued} wait; beyond that the server resets the connection (it catches the pool's refusal
 * and closes the socket) rather than taking another thread or more memory.
 */
public final class BoundedHttpServer implements AutoCloseable {
  /** Seconds a client may take to send its request line and headers before the server closes it. */
  static final String REQUEST_SECONDS_PROPERTY = "sun.net.httpserver.maxReqTime";
  /**
   * The JDK server reads a request's line and headers on a pool thread, so each client that sends
   * them slowly holds a thread (or a queue place) until this limit: 20 such clients stop
   * {@code /metrics} (4 threads, 16 queued) for this long each time they reconnect. A scrape or a
   * page sends its headers in one packet, so 3 s costs a real client nothing.
   */
  private static final String REQUEST_SECONDS = "3";
  /** Connections the server keeps open at once, idle ones included. */
  static final String CONNECTIONS_PROPERTY = "sun.net.httpserver.maxConnections";
  /**
   * Enough for every pool thread and queue place of both servers in one process (viewer 20 + 32,
   * metrics 4 + 16) and the idle keep-alive connections of a few browsers. JDKs before 18 do not
   * know the property and ignore it: there the pools' queues are what bound the connections being
   * read, and {@code maxIdleConnections} (200) the idle ones.
   */
  private static final String CONNECTIONS = "128";

  static {
    // JVM-wide, and read once, when the JDK server's configuration class loads as the first server
    // of the process is made: set them before that (this class makes every server of this program)
    // and leave alone what the operator set with -D. Only reading the request is timed; a response
    // (an event stream) may last.
    defaultProperty(REQUEST_SECONDS_PROPERTY, REQUEST_SECONDS);
    defaultProperty(CONNECTIONS_PROPERTY, CONNECTIONS);
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  private BoundedHttpServer(HttpServer server, ThreadPoolExecutor executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code address} (port 0: any free one); serves nothing until {@link #start}. */
  public static BoundedHttpServer bind(InetSocketAddress address, int threads, int queued, String threadName) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued), r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
    executor.allowCoreThreadTimeOut(true); // an idle server holds no threads
    server.setExecutor(executor);
    return new BoundedHttpServer(server, executor);
  }

  public BoundedHttpServer route(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  public BoundedHttpServer start() {
    server.start();
    return this;
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Threads the pool has now: what a test of the bound reads. */
  public int threads() {
    return executor.getPoolSize();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow(); // ends the handlers still waiting (event streams)
  }
}
