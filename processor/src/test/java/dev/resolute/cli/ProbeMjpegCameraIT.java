package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.testkit.cli.CliRun;
import dev.resolute.testkit.sources.MjpegServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code probe} against a 10 fps multipart JPEG camera, which FFmpeg alone would report at 25 fps. */
class ProbeMjpegCameraIT {
  @Test
  void shouldReportTheArrivalClockAndTheRateMeasuredByWallTime() throws Exception {
    try (MjpegServer camera = MjpegServer.start(10)) {
      CliRun run = new CliRun();
      int exit = run.execute("probe", "--sample-seconds", "4", camera.url());

      String table = run.out.toString();
      System.out.print(table);
      assertThat(exit).isZero();
      assertThat(table).contains("container      mpjpeg").contains("clock          arrival clock").contains("of wall time");
      Matcher rate = Pattern.compile("nominal, (\\d+\\.\\d+) measured").matcher(table);
      assertThat(rate.find()).as("a measured rate in %s", table).isTrue();
      assertThat(Double.parseDouble(rate.group(1))).as("frames per wall second").isBetween(7.0, 13.0);
    }
  }
}
