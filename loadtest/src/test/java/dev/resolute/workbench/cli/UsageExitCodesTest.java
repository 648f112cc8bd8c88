package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.cli.ExitCodes;
import dev.resolute.cli.ResoluteCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Bad usage exits 2 in every command, whichever module adds it: scripts tell "fix the call" from "it broke" by it. */
class UsageExitCodesTest {

  static Stream<List<String>> everyCommand() {
    List<List<String>> paths = new ArrayList<>();
    collect(ResoluteCli.commandLine(), new ArrayList<>(), paths);
    return paths.stream();
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help") && sub.getCommandName().equals(name)) {
        List<String> deeper = new ArrayList<>(path);
        deeper.add(name);
        collect(sub, deeper, out);
      }
    });
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void anUnknownOptionExits2(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--no-such-option");
    assertThat(execute(args.toArray(String[]::new))).as("resolute %s --no-such-option", command).isEqualTo(ExitCodes.USAGE);
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of((Object) new String[] {"run"}),
        Arguments.of((Object) new String[] {"ingest", "--camera", "c=rtsp://127.0.0.1:9/x"}),
        Arguments.of((Object) new String[] {"view"}),
        Arguments.of((Object) new String[] {"redrive"}),
        Arguments.of((Object) new String[] {"record", "--out", "x.rec"}),
        Arguments.of((Object) new String[] {"record", "--bootstrap-servers", "127.0.0.1:1", "--out", "x.rec", "--from", "2000",
            "--to", "1000"}),
        Arguments.of((Object) new String[] {"record", "--bootstrap-servers", "127.0.0.1:1", "--out", "x.rec", "--from", "yesterday"}),
        Arguments.of((Object) new String[] {"replay", "--recording", "x.rec", "--bootstrap-servers", "127.0.0.1:1", "--speed", "0"}),
        Arguments.of((Object) new String[] {"replay", "--recording", "x.rec", "--bootstrap-servers", "127.0.0.1:1", "--loop"}),
        Arguments.of((Object) new String[] {"loadtest", "--cameras", "0"}),
        Arguments.of((Object) new String[] {"loadtest", "--source", "no-such-clip.mp4"}),
        Arguments.of((Object) new String[] {"chaos", "--duration", "5"}),
        Arguments.of((Object) new String[] {"chaos", "--kafka-config", "client.properties"}),
        Arguments.of((Object) new String[] {"simulate", "--duration", "10"}),
        Arguments.of((Object) new String[] {"demo", "--kafka-config", "client.properties"}));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void aBadValueOrAMissingClusterExits2(String[] args) {
    assertThat(execute(args)).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
  }

  private static int execute(String... args) {
    CommandLine cli = ResoluteCli.commandLine();
    StringWriter sink = new StringWriter();
    cli.setErr(new PrintWriter(sink, true));
    cli.setOut(new PrintWriter(sink, true));
    return cli.execute(args);
  }
}
