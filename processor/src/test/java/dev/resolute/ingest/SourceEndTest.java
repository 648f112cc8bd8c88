package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceEndTest {
  @Test
  void shouldSeeTheEndOnlyInAPlaylistThatCarriesEndList() {
    assertThat(SourceEnd.hasEndList("#EXTM3U\n#EXTINF:2,\nsegment00000.ts\n#EXT-X-ENDLIST")).isTrue();
    assertThat(SourceEnd.hasEndList("#EXTM3U\r\n#EXTINF:2,\r\nsegment00000.ts\r\n#EXT-X-ENDLIST\r\n")).isTrue();
    assertThat(SourceEnd.hasEndList("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2,\nsegment00007.ts\n")).isFalse();
    assertThat(SourceEnd.hasEndList("#EXTM3U\n#EXTINF:2,\nsegment-EXT-X-ENDLIST.ts\n")).as("a segment named so").isFalse();
  }

  @Test
  void shouldFollowTheFirstVariantOfAMasterPlaylist() {
    String master = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\n\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\nhigh/index.m3u8\n";
    assertThat(SourceEnd.firstVariant(master)).isEqualTo("low/index.m3u8");
    assertThat(SourceEnd.firstVariant("#EXTM3U\n#EXTINF:2,\nsegment00000.ts\n")).isNull();
  }
}
