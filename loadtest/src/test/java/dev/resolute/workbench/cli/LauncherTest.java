package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./resolute} launcher on a machine that lacks Java, Maven and libpulse: as root it
 * installs them itself (here, apt-get is a stand-in that records what it was asked); otherwise it
 * prints the one command to run. PATH holds nothing but stand-ins, so the machine's own tools
 * cannot make the test pass.
 */
class LauncherTest {
  @TempDir Path dir;

  @Test
  void shouldPrintTheOneCommandToRunWhenNotRoot() throws Exception {
    Result result = run("1000");

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.stderr).contains("sudo apt-get install openjdk-17-jdk-headless maven libpulse0");
    assertThat(Files.exists(dir.resolve("apt-calls"))).as("nothing installed without root").isFalse();
  }

  @Test
  void shouldInstallWhatIsMissingItselfWhenRootSayingSoInOneLine() throws Exception {
    Result result = run("0");

    assertThat(Files.readAllLines(dir.resolve("apt-calls")))
        .contains("install -y -qq --no-install-recommends openjdk-17-jdk-headless maven libpulse0");
    assertThat(result.stderr).contains("installing what this machine lacks: openjdk-17-jdk-headless maven libpulse0");
    // the stand-in fails the install, so the launcher stops there with the reason
    assertThat(result.exit).isEqualTo(2);
    assertThat(result.stderr).contains("installing openjdk-17-jdk-headless maven libpulse0 failed");
  }

  private record Result(int exit, String stderr) {}

  private Result run(String uid) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    stub(bin, "id", "echo " + uid);
    stub(bin, "ldconfig", "echo 'libc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6'");
    stub(bin, "apt-get", "echo \"$*\" >> '" + dir.resolve("apt-calls") + "'; [ \"$1\" = update ]");
    stub(bin, "dirname", "exec /usr/bin/dirname \"$@\"");
    Path launcher = Files.copy(Path.of("..", "resolute"), dir.resolve("resolute")); // no jar next to it: a fresh clone
    ProcessBuilder builder = new ProcessBuilder("/bin/bash", launcher.toString(), "demo")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), stderr);
  }

  private static void stub(Path bin, String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
