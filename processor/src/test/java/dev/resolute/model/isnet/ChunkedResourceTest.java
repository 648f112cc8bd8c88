package dev.resolute.model.isnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.model.ModelLoadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedResourceTest {
  @TempDir Path dir;

  private String chunk(String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Files.write(dir.resolve(hash), bytes);
    return hash;
  }

  @Test
  void shouldJoinChunksInTheOrderResourcesJsonListsThemNotByName() throws Exception {
    String first = chunk("zzz-first-");
    String second = chunk("aaa-second-");
    String third = chunk("mmm-third");
    Path json = Files.writeString(dir.resolve("resources.json"), """
        {"/models/medium": {"chunks": [
            {"hash": "%s", "offsets": [0, 10]},
            {"hash": "%s", "offsets": [10, 21]},
            {"hash": "%s", "offsets": [21, 30]}], "size": 30}}
        """.formatted(first, second, third));

    ChunkedResource.read(json, "/models/medium").join(dir, dir.resolve("joined"));

    assertThat(Files.readString(dir.resolve("joined"))).isEqualTo("zzz-first-aaa-second-mmm-third");
  }

  @Test
  void shouldRefuseChunksThatLeaveAGap() throws Exception {
    String a = chunk("0123456789");
    String b = chunk("abc");
    Path json = Files.writeString(dir.resolve("resources.json"), """
        {"/models/medium": {"chunks": [{"hash": "%s", "offsets": [0, 10]}, {"hash": "%s", "offsets": [11, 14]}], "size": 14}}
        """.formatted(a, b));

    assertThatThrownBy(() -> ChunkedResource.read(json, "/models/medium"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("starts at 11, the previous chunk ended at 10");
  }

  @Test
  void shouldRefuseAChunkNameThatIsNotADigest() throws Exception {
    Path json = Files.writeString(dir.resolve("resources.json"),
        "{\"/models/medium\": {\"chunks\": [{\"hash\": \"../../etc/passwd\", \"offsets\": [0, 4]}], \"size\": 4}}");

    assertThatThrownBy(() -> ChunkedResource.read(json, "/models/medium"))
        .hasMessageContaining("chunk name '../../etc/passwd' is not a SHA-256 digest");
  }

  @Test
  void shouldListTheResourcesThereAreWhenTheOneAskedForIsMissing() throws Exception {
    Path json = Files.writeString(dir.resolve("resources.json"), "{\"/models/small\": {\"chunks\": [], \"size\": 0}}");

    assertThatThrownBy(() -> ChunkedResource.read(json, "/models/medium"))
        .hasMessageEndingWith("has no resource /models/medium; it has [/models/small]");
  }

  @Test
  void shouldNotUnpackAnEntryOutsideTheTargetDirectory() throws Exception {
    Path tgz = FakeDataPackage.tgz(dir.resolve("evil.tgz"), Map.of("package/../../escaped", new byte[] {1}));

    assertThatThrownBy(() -> PackageArchive.extract(tgz, dir.resolve("out")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("points outside the package");
    assertThat(dir.resolve("escaped")).doesNotExist();
  }
}
