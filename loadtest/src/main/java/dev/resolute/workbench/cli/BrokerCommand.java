package dev.resolute.workbench.cli;

import dev.resolute.cli.ShutdownSignal;
import dev.resolute.cli.UserError;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Runs Resolute's single-node Kafka broker (KRaft, loopback) until Ctrl-C, keeping its data, so that "
        + "broker, run, ingest and replay can run as separate processes on one machine without installing Kafka.")
final class BrokerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "kafka-data", paramLabel = "DIR",
      description = "Where the broker keeps its logs, cluster id and ports between runs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
      description = "Client port on 127.0.0.1; 0 keeps the one this data directory used before, or picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be between 0 and 65535, got " + port);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ShutdownSignal shutdown = new ShutdownSignal("resolute-broker-shutdown", 60);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startPersistent(dataDir.toAbsolutePath(), port)) {
      out.printf("Kafka broker up: --bootstrap-servers %s (data in %s); Ctrl-C stops it%n", broker.bootstrapServers(),
          broker.workDir());
      out.flush();
      while (!shutdown.awaitRequest(1000)) {
        if (!broker.isAlive()) {
          throw new IllegalStateException("the broker stopped on its own; see " + broker.workDir().resolve("broker.log"));
        }
      }
      out.println("stopping the broker...");
      out.flush();
    }
    return 0;
  }
}
