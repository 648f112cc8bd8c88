package dev.resolute.config;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
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

  @Test
  void shouldHideTheWholeValueOfAQueryParameterOrOptionUpToItsEnd() {
    assertThat(Secrets.redact("rtsp://cam/live?password=ab,cd&channel=2")).isEqualTo("rtsp://cam/live?password=***&channel=2");
    assertThat(Secrets.redact("srt://h:9000?passphrase=ab;cd}ef]gh#x")).isEqualTo("srt://h:9000?passphrase=***#x");
    assertThat(Secrets.redact("token=a,b;c done")).isEqualTo("token=*** done");
  }

  @Test
  void shouldStillEndAValueWhereAListOrJsonValueEnds() {
    assertThat(Secrets.redact("{password=pw1, user=u}")).isEqualTo("{password=***, user=u}");
    assertThat(Secrets.redact("[token=t2]")).isEqualTo("[token=***]");
    assertThat(Secrets.redact("{\"key\": 12345, \"secret\": \"a,b;c\", \"n\": 1}"))
        .isEqualTo("{\"key\": ***, \"secret\": \"***\", \"n\": 1}");
  }

  /**
   * Structural, not timed: a matcher reads its input through charAt, so counting the reads over
   * inputs built to make a backtracking pattern retry from every position shows whether the work
   * grows with the length or its square. A bound of a few reads per character holds at 4 KB and
   * at 64 KB alike only if the scan is linear.
   */
  @Test
  void shouldReadEachCharacterABoundedNumberOfTimes() {
    for (String unit : new String[] {"a", "1", " ", "a=", "a:", "a:/", "a://", "\"a\"", "\"a\":", "a=\"", "a='", "@", "a@", ",", "a=,"}) {
      for (Pattern pattern : new Pattern[] {Secrets.URL_CREDENTIALS, Secrets.ASSIGNMENT}) {
        long small = readsToFindAll(pattern, unit.repeat(4096 / unit.length()));
        long large = readsToFindAll(pattern, unit.repeat(65536 / unit.length()));
        assertThat(large).as("%s over '%s' repeated", pattern, unit).isLessThan(20L * 65536).isLessThan(small * 16 * 2);
      }
    }
  }

  @Test
  void shouldRedactAMegabyteLineOfLetters() {
    String letters = "abcdefghij".repeat(100_000);

    // only a guard against a hang: before the fix this line took hours, after it well under a second
    String shown = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Secrets.redact(letters));

    assertThat(shown).isEqualTo(letters);
  }

  private static long readsToFindAll(Pattern pattern, String text) {
    long[] reads = {0};
    CharSequence counted = new CharSequence() {
      @Override
      public int length() {
        return text.length();
      }

      @Override
      public char charAt(int index) {
        reads[0]++;
        return text.charAt(index);
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
      }

      @Override
      public String toString() {
        return text;
      }
    };
    var m = pattern.matcher(counted);
    while (m.find()) {
      reads[0]++; // a match counts as work too, so an empty match per position is not free
    }
    return reads[0];
  }
}
