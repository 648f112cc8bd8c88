package dev.resolute.workbench.loadtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The load test's plots, drawn for reading rather than with the chart library's defaults: white
 * background, one colour per camera (the same in every plot) with a legend of cameras only, a
 * second measure of the same camera in a dashed line of its colour, and integer axes for level and
 * stride, which are whole numbers.
 */
final class ReportCharts {
  static final int WIDTH = 1000;
  static final int HEIGHT = 420;
  /** matplotlib's "tab10": ten hues that stay apart on white and for the common colour blindnesses. */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };
  private static final Stroke SOLID = new BasicStroke(2f);
  private static final Stroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Color GRID = new Color(0xdddddd);
  private static final java.awt.Shape DOT = new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5);
  private static final java.awt.Shape SMALL_DOT = new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3);
  private static final int SMOOTH_SECONDS = 5;

  /** One measure drawn per camera: its name in the legend of line styles, and which seconds have it. */
  record Measure(String name, ToDoubleFunction<LoadSeries.Bucket> value, Predicate<LoadSeries.Bucket> present) {}

  private ReportCharts() {}

  /**
   * Draws and encodes a small chart once, at the start of a run. Fonts and ImageIO register shutdown
   * hooks of their own the first time they are used, and a JVM already shutting down refuses new
   * hooks: after Ctrl-C the report's first plot would fail with "Shutdown in progress" (and an empty
   * file) had nothing drawn text before.
   */
  static void prepare() {
    XYSeries line = new XYSeries("prepare");
    line.add(0, 0);
    JFreeChart chart = new JFreeChart("prepare", TITLE, new XYPlot(new XYSeriesCollection(line), axis("x", false),
        axis("y", true), new XYStepRenderer()), true);
    try {
      ChartUtils.writeChartAsPNG(java.io.OutputStream.nullOutputStream(), chart, 60, 40);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot draw a chart", e);
    }
  }

  /** Writes every plot of the report into {@code dir}; returns their names (file names without ".png"), in reading order. */
  static List<String> writeAll(Path dir, Map<String, TreeMap<Long, LoadSeries.Bucket>> buckets) throws IOException {
    Predicate<LoadSeries.Bucket> measured = LoadSeries.Bucket::measured;
    Predicate<LoadSeries.Bucket> masked = b -> b.frames() > 0;
    write(dir.resolve("latency.png"), chart("End-to-end latency per second", "ms", buckets, false,
        new Measure("p50", b -> b.latencyPercentileMs(0.50), masked), new Measure("p99", b -> b.latencyPercentileMs(0.99), masked)));
    write(dir.resolve("level.png"), chart("Resolution level (0 = full size; higher is smaller)", "level", buckets, true,
        new Measure("level", b -> b.level(), measured)));
    write(dir.resolve("stride.png"), chart("Frame stride (1 = every frame segmented)", "stride", buckets, true,
        new Measure("stride", b -> b.stride(), measured)));
    write(dir.resolve("lag.png"), chart("Lag at decision (highest in the second)", "seconds behind", buckets, false,
        new Measure("lag", LoadSeries.Bucket::lagSeconds, measured)));
    write(dir.resolve("throughput.png"), throughput(buckets));
    return List.of("latency", "throughput", "level", "stride", "lag");
  }

  static Color colour(int camera) {
    return PALETTE[camera % PALETTE.length];
  }

  /**
   * Each camera's first measure in a solid line, a second one dashed, both in the camera's colour;
   * {@code integers} draws steps on an axis with whole-number ticks.
   */
  static JFreeChart chart(String title, String unit, Map<String, TreeMap<Long, LoadSeries.Bucket>> buckets, boolean integers,
      Measure... measures) {
    XYSeriesCollection data = new XYSeriesCollection();
    // dots as well as lines: a camera served in bursts has seconds with records on both sides of a gap
    XYItemRenderer renderer = integers ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, true);
    LegendItemCollection legend = new LegendItemCollection();
    int camera = 0;
    double highest = 1;
    for (Map.Entry<String, TreeMap<Long, LoadSeries.Bucket>> entry : buckets.entrySet()) {
      Color colour = colour(camera);
      // steps of several cameras on the same whole number would hide each other: each is drawn a little apart
      double apart = integers ? (camera - (buckets.size() - 1) / 2.0) * Math.min(0.04, 0.3 / buckets.size()) : 0;
      for (int m = 0; m < measures.length; m++) {
        XYSeries line = new XYSeries(entry.getKey() + " " + measures[m].name(), false, true);
        TreeMap<Long, LoadSeries.Bucket> seconds = entry.getValue();
        for (long t = seconds.isEmpty() ? 0 : seconds.firstKey(); !seconds.isEmpty() && t <= seconds.lastKey(); t++) {
          LoadSeries.Bucket bucket = seconds.get(t);
          if (bucket != null && measures[m].present().test(bucket)) {
            double value = measures[m].value().applyAsDouble(bucket);
            line.add((double) t, value + apart);
            highest = Math.max(highest, value);
          } else if (!integers) {
            // a second without a record breaks a measured line (a straight line across the gap would invent
            // values); a level or stride holds until the next decision, so its steps run on
            line.add((double) t, null);
          }
        }
        int index = data.getSeriesCount();
        data.addSeries(line);
        renderer.setSeriesPaint(index, colour);
        renderer.setSeriesStroke(index, m == 0 ? SOLID : DASHED);
        renderer.setSeriesShape(index, m == 0 ? DOT : SMALL_DOT);
      }
      LegendItem item = new LegendItem(entry.getKey(), null, null, null, new Rectangle(-9, -5, 18, 10), colour);
      item.setLabelFont(LABEL);
      legend.add(item);
      camera++;
    }
    XYPlot plot = new XYPlot(data, axis("seconds into the run", false), axis(unit, integers), renderer);
    if (integers) {
      plot.getRangeAxis().setRange(-0.25, Math.ceil(highest - 0.5) + 0.25);
    }
    JFreeChart chart = decorate(plot, legend, title);
    if (measures.length > 1) {
      chart.addSubtitle(new TextTitle("solid: " + measures[0].name() + ", dashed: " + measures[1].name(), LABEL));
    }
    if (integers && buckets.size() > 1) {
      chart.addSubtitle(new TextTitle("cameras on the same value are drawn slightly apart", LABEL));
    }
    return chart;
  }

  /** White throughout, light grid, and the given legend in a column at the right: at 8 cameras a row would wrap. */
  private static JFreeChart decorate(XYPlot plot, LegendItemCollection legend, String title) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setOutlineVisible(false);
    plot.setFixedLegendItems(legend);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legendTitle = chart.getLegend();
    legendTitle.setPosition(RectangleEdge.RIGHT);
    legendTitle.setBackgroundPaint(Color.WHITE);
    legendTitle.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    return chart;
  }

  /**
   * Masks per second stacked by camera (each camera's share in its colour) under the total arrivals
   * per second as a black dashed line: where the stack stays below the line, the run fell behind.
   * Both are averaged over {@value #SMOOTH_SECONDS} s, since a camera's frames arrive a chunk (about
   * a second) at a time and per-second counts alternate between 0 and 2 chunks' worth.
   */
  static JFreeChart throughput(Map<String, TreeMap<Long, LoadSeries.Bucket>> buckets) {
    long last = buckets.values().stream().filter(m -> !m.isEmpty()).mapToLong(TreeMap::lastKey).max().orElse(0);
    DefaultTableXYDataset stacked = new DefaultTableXYDataset();
    StackedXYAreaRenderer2 areas = new StackedXYAreaRenderer2();
    LegendItemCollection legend = new LegendItemCollection();
    double[] arrivals = new double[(int) last + 1];
    int camera = 0;
    for (Map.Entry<String, TreeMap<Long, LoadSeries.Bucket>> entry : buckets.entrySet()) {
      double[] masks = new double[(int) last + 1];
      entry.getValue().forEach((second, b) -> {
        masks[second.intValue()] += b.frames();
        arrivals[second.intValue()] += b.arrivals();
      });
      XYSeries series = new XYSeries(entry.getKey(), true, false);
      double[] smooth = smoothed(masks);
      for (int t = 0; t < smooth.length; t++) {
        series.add(t, smooth[t]);
      }
      stacked.addSeries(series);
      areas.setSeriesPaint(camera, colour(camera));
      LegendItem item = new LegendItem(entry.getKey(), null, null, null, new Rectangle(-9, -5, 18, 10), colour(camera));
      item.setLabelFont(LABEL);
      legend.add(item);
      camera++;
    }
    XYSeries arrived = new XYSeries("arrivals", true, false);
    double[] smooth = smoothed(arrivals);
    for (int t = 0; t < smooth.length; t++) {
      arrived.add(t, smooth[t]);
    }
    XYPlot plot = new XYPlot(stacked, axis("seconds into the run", false), axis("frames/s, all cameras", false), areas);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, Color.BLACK);
    line.setSeriesStroke(0, new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
    plot.setRenderer(1, line); // first: a dataset with no renderer of its own is measured by the stacking one, and refused
    plot.setDataset(1, new XYSeriesCollection(arrived));
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    LegendItem arrivalsItem = new LegendItem("arrivals (all)", null, null, null,
        new java.awt.geom.Line2D.Double(-12, 0, 12, 0), line.getSeriesStroke(0), Color.BLACK);
    arrivalsItem.setLabelFont(LABEL);
    legend.add(arrivalsItem);
    JFreeChart chart = decorate(plot, legend, "Throughput against arrivals");
    chart.addSubtitle(new TextTitle("masks/s stacked by camera; dashed: frames arriving/s; " + SMOOTH_SECONDS + " s averages", LABEL));
    return chart;
  }

  /** A centred moving average over {@value #SMOOTH_SECONDS} seconds (fewer at the ends). */
  private static double[] smoothed(double[] perSecond) {
    double[] out = new double[perSecond.length];
    int half = SMOOTH_SECONDS / 2;
    for (int t = 0; t < perSecond.length; t++) {
      double sum = 0;
      int n = 0;
      for (int u = Math.max(0, t - half); u <= Math.min(perSecond.length - 1, t + half); u++) {
        sum += perSecond[u];
        n++;
      }
      out[t] = sum / n;
    }
    return out;
  }

  private static NumberAxis axis(String label, boolean integers) {
    NumberAxis axis = new NumberAxis(label);
    axis.setLabelFont(LABEL);
    axis.setTickLabelFont(LABEL);
    axis.setAutoRangeIncludesZero(true);
    if (integers) {
      axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    return axis;
  }

  private static void write(Path file, JFreeChart chart) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}
