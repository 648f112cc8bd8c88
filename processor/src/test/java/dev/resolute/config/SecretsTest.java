package dev.resolute.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void shouldTakeUserAndPasswordOutOfEveryUrlInAText() {
    String text = "Could not open input \"rtsp://alice:s3cret@10.0.0.5:554/stream1\" and http://bob:hunter2@cam/live.ts";

    assertThat(Secrets.redact(text))
        .isEqualTo("Could not open input \"rtsp://***@10.0.0.5:554/stream1\" and http://***@cam/live.ts")
        .doesNotContain("s3cret").doesNotContain("alice").doesNotContain("hunter2");
  }

  @Test
  void shouldLeaveUrlsWithoutCredentialsAndPlainTextAlone() {
    String text = "rtsp://10.0.0.5/stream1, an e-mail a@b.c and a file /tmp/x@y.mp4";

    assertThat(Secrets.redact(text)).isEqualTo(text);
  }
}
