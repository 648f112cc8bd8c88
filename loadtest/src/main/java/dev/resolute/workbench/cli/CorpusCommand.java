package dev.resolute.workbench.cli;

import dev.resolute.cli.HomePath;
import dev.resolute.testkit.footage.corpus.Clip;
import dev.resolute.testkit.footage.corpus.CorpusClip;
import dev.resolute.testkit.footage.corpus.FormatCorpus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Writes the format corpus the tests use: small clips in the containers, codecs, sizes and timings "
        + "cameras and archives produce (MPEG-2 in PS and TS, MPEG-4 and MS-MPEG4 in AVI with audio, MJPEG, H.264 "
        + "with B-frames, FFV1, rawvideo, odd sizes, variable timing, empty AVI packets, rotation, damage), to try "
        + "'probe' and 'demo' on. The B-frame clip needs GStreamer's gst-launch-1.0 with x264enc.")
final class CorpusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = HomePath.OUTPUTS + "/corpus", converter = HomePath.class, paramLabel = "DIR", description = "Where to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--clip", paramLabel = "NAME", description = "Only these clips (repeatable), e.g. MPEG2_PS_ODD; default: all of ${COMPLETION-CANDIDATES}.")
  List<Clip> clips;

  @Override
  public Integer call() throws Exception {
    Set<Clip> chosen = clips == null || clips.isEmpty() ? EnumSet.allOf(Clip.class) : EnumSet.copyOf(clips);
    PrintWriter printer = spec.commandLine().getOut();
    for (CorpusClip clip : FormatCorpus.write(out, chosen)) {
      printer.printf("%-28s %s%n", clip.path(), clip.description());
    }
    printer.flush();
    return 0;
  }
}
