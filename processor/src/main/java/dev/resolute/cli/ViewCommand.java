package dev.resolute.cli;

import dev.resolute.web.LiveViewer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = "Serves the live viewer for a running cluster: a page listing the cameras, each with its latest frame and "
        + "mask blended in, and level, stride, lag and latency as they change. Reads the chunk, mask and cost topics "
        + "(read_committed) from now on; Ctrl-C to stop.")
final class ViewCommand implements Callable<Integer> {
  @Mixin ViewerOptions viewer;
  @Mixin KafkaOptions kafka;

  @Override
  public Integer call() throws Exception {
    var client = kafka.connect();
    try (ShutdownSignal shutdown = new ShutdownSignal("resolute-view-shutdown", 15);
        LiveViewer live = viewer.start(ViewerOptions.VIEW_PORT, System.out)) {
      if (live == null) {
        throw new UserError("view with --no-viewer serves nothing");
      }
      live.follow(kafka.bootstrapServers(), client);
      System.out.println("following " + kafka.bootstrapServers() + "; Ctrl-C to stop");
      while (!shutdown.awaitRequest(1000)) {
        // serving
      }
    }
    return ExitCodes.OK;
  }
}
