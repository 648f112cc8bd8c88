package dev.resolute.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

  @Test
  void shouldTakeUserInfoUpToTheLastAtOfTheAuthority() {
    assertThat(Secrets.redact("rtsp://admin:p@ss@host:554/live@2")).isEqualTo("rtsp://***@host:554/live@2");
    assertThat(Secrets.redact("open rtsp://admin:p@ss?w#rd@cam/x failed")).isEqualTo("open rtsp://***@cam/x failed");
  }

  @Test
  void shouldHideSecretQueryParametersAndOptionsOfAnyScheme() {
    String text = "rtsp://cam/live?password=pw1&channel=2 http://cam/a.m3u8?token=tk2 "
        + "srt://10.0.0.5:9000?mode=caller&passphrase=pp3 https://cam/x?api_key=k4&access-token=t5&authToken=t6#frag";

    String shown = Secrets.redact(text);

    assertThat(shown).doesNotContain("pw1", "tk2", "pp3", "k4", "t5", "t6")
        .contains("rtsp://cam/live?password=***&channel=2", "?token=***", "mode=caller&passphrase=***", "authToken=***#frag");
  }

  @Test
  void shouldHideSecretSettingsInPropertiesAndJson() {
    String text = "ssl.keystore.key=-----BEGIN KEY----- sasl.oauthbearer.assertion.private.key.passphrase = pk7 "
        + "sasl.jaas.config=x.PlainLoginModule required username=\"u\" password=\"jp8\"; {\"passwd\": \"js9\", \"level\": 3}";

    String shown = Secrets.redact(text);

    assertThat(shown).doesNotContain("BEGIN", "pk7", "jp8", "js9").contains("password=\"***\"", "\"passwd\": \"***\"", "\"level\": 3");
  }

  @Test
  void shouldLeaveTheUsagePlaceholderOfAKeyAlone() {
    assertThat(Secrets.redact("should be in KEY=VALUE format, API_KEY=k1")).isEqualTo("should be in KEY=VALUE format, API_KEY=***");
  }

  @Test
  void shouldNameSecretsByTheirPartsNotBySubstrings() {
    assertThat(Secrets.isSecretName("api_key")).isTrue();
    assertThat(Secrets.isSecretName("access-token")).isTrue();
    assertThat(Secrets.isSecretName("sasl.jaas.config")).isTrue();
    assertThat(Secrets.isSecretName("ssl.keystore.key")).isTrue();
    assertThat(Secrets.isSecretName("apikey")).isTrue();
    assertThat(Secrets.isSecretName("srt_passphrase")).isTrue();
    assertThat(Secrets.isSecretName("Authorization")).isTrue();
    // not secrets: a keyframe interval, SRT's key length, where a keystore lies, an author
    assertThat(Secrets.isSecretName("keyint")).isFalse();
    assertThat(Secrets.isSecretName("pbkeylen")).isFalse();
    assertThat(Secrets.isSecretName("ssl.keystore.location")).isFalse();
    assertThat(Secrets.isSecretName("author")).isFalse();
    assertThat(Secrets.isSecretName("rtsp_transport")).isFalse();
  }

  @Test
  void shouldHideSecretOptionsOfAMapAndRedactTheRest() {
    assertThat(Secrets.redact(Map.of("passphrase", "pp", "rtsp_transport", "udp", "referer", "http://u:pw@h/")))
        .isEqualTo(Map.of("passphrase", "***", "rtsp_transport", "udp", "referer", "http://***@h/"));
  }
}
