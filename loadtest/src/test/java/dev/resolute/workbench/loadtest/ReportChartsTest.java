package dev.resolute.workbench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.FrameCost;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportChartsTest {
  private static final int CAMERAS = 8;
  @TempDir Path dir;

  private static FrameCost cost(String camera, long frame, double latencyMs, int level, int stride) {
    return FrameCost.newBuilder().setCameraId(camera).setChunkSequence(frame / 10).setFrameIndex(frame)
        .setDecodeMs(1).setResizeMs(1).setInferenceMs(1).setUpsampleMs(1).setEncodeMs(1).setEndToEndLatencyMs(latencyMs)
        .setInferenceWidth(8).setInferenceHeight(8).setLevel(level).setGflops(1).setMemoryBytes(1).setLagMsAtDecision(500)
        .setEngine("e").setDevice("cpu").setBatchSize(1).setStride(stride).build();
  }

  /** Eight cameras over 20 s; camera c steps its level up every few seconds and its stride to 2 halfway. */
  private static LoadSeries eightCameras() {
    LoadSeries series = new LoadSeries();
    for (int c = 0; c < CAMERAS; c++) {
      for (int second = 0; second < 20; second++) {
        series.arrived("camera-" + c, 10, second);
        for (int f = 0; f < 10; f++) {
          series.add(cost("camera-" + c, second * 10L + f, 100 + 10 * f + c, (second + c) / 6, second < 10 ? 1 : 2), second);
        }
      }
    }
    return series;
  }

  @Test
  void shouldTakeEachSecondsP50AndP99FromItsOwnLatencies() {
    LoadSeries series = new LoadSeries();
    for (int i = 1; i <= 100; i++) {
      series.add(cost("a", i, i, 0, 1), 3);
    }
    series.add(cost("a", 101, 5000, 0, 1), 4);

    LoadSeries.Bucket third = series.buckets().get("a").get(3L);
    assertThat(third.latencyPercentileMs(0.50)).isEqualTo(50.0);
    assertThat(third.latencyPercentileMs(0.99)).isEqualTo(99.0);
    assertThat(series.buckets().get("a").get(4L).latencyPercentileMs(0.50)).isEqualTo(5000.0);
  }

  @Test
  void shouldDrawEightCamerasEachInItsOwnColourOnWhiteWithALegendEntryEach() throws Exception {
    ReportCharts.writeAll(dir, eightCameras().buckets());

    for (String plot : new String[] {"latency", "throughput", "level", "stride", "lag"}) {
      BufferedImage image = ImageIO.read(dir.resolve(plot + ".png").toFile());
      assertThat(image.getRGB(3, 3) & 0xffffff).as(plot + " background").isEqualTo(0xffffff);
      Map<Integer, Integer> counts = new TreeMap<>();
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          counts.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
        }
      }
      for (int c = 0; c < CAMERAS; c++) {
        // the legend's filled swatch alone is 18 x 10 pixels of exactly the camera's colour
        assertThat(counts.getOrDefault(ReportCharts.colour(c).getRGB() & 0xffffff, 0)).as(plot + ", camera " + c)
            .isGreaterThanOrEqualTo(150);
      }
    }
  }

  @Test
  void shouldBreakAMeasuredLineOverSecondsWithoutARecordRatherThanJoinAcrossThem() {
    LoadSeries series = new LoadSeries();
    series.add(cost("a", 1, 100, 0, 1), 0);
    series.add(cost("a", 2, 900, 0, 1), 5);

    JFreeChart chart = ReportCharts.chart("lag", "s", series.buckets(), false,
        new ReportCharts.Measure("lag", LoadSeries.Bucket::lagSeconds, LoadSeries.Bucket::measured));

    org.jfree.data.xy.XYDataset data = ((XYPlot) chart.getPlot()).getDataset();
    assertThat(data.getItemCount(0)).isEqualTo(6);
    assertThat(data.getY(0, 0)).isNotNull();
    for (int t = 1; t < 5; t++) {
      assertThat(data.getY(0, t)).as("second %d", t).isNull();
    }
    assertThat(data.getY(0, 5)).isNotNull();
  }

  @Test
  void shouldTickLevelAndStrideInWholeNumbers() {
    Map<String, Double> highest = Map.of("level", 4.0, "stride", 2.0); // (19 + 7) / 6, and the second half's stride
    for (String unit : highest.keySet()) {
      JFreeChart chart = ReportCharts.chart(unit, unit, eightCameras().buckets(), true,
          new ReportCharts.Measure(unit, b -> unit.equals("level") ? b.level() : b.stride(), LoadSeries.Bucket::measured));
      chart.createBufferedImage(ReportCharts.WIDTH, ReportCharts.HEIGHT); // ticks are chosen as the axis is drawn

      NumberAxis axis = (NumberAxis) ((XYPlot) chart.getPlot()).getRangeAxis();
      assertThat(axis.getTickUnit().getSize()).as(unit + " tick").isEqualTo(1.0);
      assertThat(axis.getUpperBound()).as(unit + " axis top: the highest value, no empty step above").isEqualTo(highest.get(unit) + 0.25);
    }
  }
}
