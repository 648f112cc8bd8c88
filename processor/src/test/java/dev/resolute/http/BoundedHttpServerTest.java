package dev.resolute.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class BoundedHttpServerTest {
  @Test
  void shouldSetTheJdkServersRequestAndConnectionLimitsBeforeItMakesAServer() throws Exception {
    try (BoundedHttpServer server = BoundedHttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, 1, "test-http")) {
      // nobody passed -D to the test JVM, so these are the defaults the JDK server read as it was made
      assertThat(System.getProperty(BoundedHttpServer.REQUEST_SECONDS_PROPERTY)).isEqualTo("3");
      assertThat(System.getProperty(BoundedHttpServer.CONNECTIONS_PROPERTY)).isEqualTo("128");
      assertThat(server.address().getPort()).isPositive();
    }
  }
}
