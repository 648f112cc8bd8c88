package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandReferenceTest {
  /** Surefire runs in the module's folder; the docs are the repository's. */
  private static final Path REFERENCE = Path.of("..", "docs", "cli.md");

  @Test
  void docsCliMdIsTheHelpOfEveryCommandAsTheCodeHasIt() throws Exception {
    String made = CommandReference.markdown();
    if (Boolean.getBoolean("resolute.regenerate")) {
      Files.writeString(REFERENCE, made);
    }
    assertThat(Files.exists(REFERENCE)).as("docs/cli.md exists").isTrue();
    assertThat(Files.readString(REFERENCE))
        .as("docs/cli.md is stale: regenerate it with -Dresolute.regenerate=true (see its first lines)")
        .isEqualTo(made);
  }

  @Test
  void everyCommandIsInTheReference() {
    String made = CommandReference.markdown();
    for (String command : dev.resolute.cli.ResoluteCli.commandLine().getSubcommands().keySet()) {
      if (!command.equals("help")) {
        assertThat(made).contains("## `resolute " + command + "`");
      }
    }
  }
}
