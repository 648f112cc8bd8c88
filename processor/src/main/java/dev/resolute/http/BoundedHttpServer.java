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
  private static final String REQUEST_SECONDS = "10";

  static {
    // read once per JVM by the JDK server when the first one is made: set it before that, unless the
    // operator set it with -D. Only reading the request is timed; a response (an event stream) may last.
    if (System.getProperty(REQUEST_SECONDS_PROPERTY) == null) {
      System.setProperty(REQUEST_SECONDS_PROPERTY, REQUEST_SECONDS);
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
