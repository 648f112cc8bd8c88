package dev.resolute.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Gets and describes segmentation models: 'fetch isnet' downloads and prepares ISNet once; "
        + "'inspect' prints a model's inputs, outputs and cost per resolution level.",
    subcommands = {FetchModelCommand.class, InspectModelCommand.class, CommandLine.HelpCommand.class})
final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: fetch or inspect");
  }
}
