package dev.resolute.workbench.profile;

import dev.resolute.profile.ModelProfile;
import dev.resolute.profile.ProfileRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The paper's trade-off curve as a PNG: GFLOPs on x, quality on y, one point per level, one line
 * per upsampling method. GFLOPs go on a log axis when they span more than a factor of 20 (a ladder
 * that halves the side divides them by about 4 a level). A profile without quality plots
 * milliseconds per frame instead, and says so in its title.
 */
public final class TradeOffPlot {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 640;
  private static final int LEFT = 90;
  private static final int RIGHT = 200;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;
  private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

  private TradeOffPlot() {}

  public static void write(ModelProfile profile, Path file) throws IOException {
    ImageIO.write(render(profile), "png", file.toFile());
  }

  static BufferedImage render(ModelProfile profile) {
    boolean withQuality = !"none".equals(profile.qualityKind());
    ToDoubleFunction<ProfileRow> yOf = withQuality ? r -> r.quality() : ProfileRow::endToEndP50Ms;
    String yName = switch (profile.qualityKind()) {
      case "miou" -> "mIoU against labels";
      case "agreement" -> "agreement with level 0 (mIoU)";
      default -> "end-to-end ms/frame (p50)";
    };
    List<ProfileRow> rows = profile.rows();
    double xMin = rows.stream().mapToDouble(ProfileRow::gflops).min().orElse(0);
    double xMax = rows.stream().mapToDouble(ProfileRow::gflops).max().orElse(1);
    boolean logX = xMin > 0 && xMax / xMin > 20;
    double yMin = rows.stream().mapToDouble(yOf).min().orElse(0);
    double yMax = rows.stream().mapToDouble(yOf).max().orElse(1);
    double yPad = Math.max(1e-3, (yMax - yMin) * 0.08);
    Axis x = logX ? Axis.log(xMin / 1.3, xMax * 1.3, LEFT, WIDTH - RIGHT)
        : Axis.linear(Math.max(0, xMin - (xMax - xMin) * 0.08), xMax + (xMax - xMin) * 0.08 + 1e-9, LEFT, WIDTH - RIGHT);
    Axis y = Axis.linear(yMin - yPad, withQuality ? Math.min(1.0 + yPad, yMax + yPad) : yMax + yPad, HEIGHT - BOTTOM, TOP);

    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    g.drawString(profile.modelId() + ": cost against " + (withQuality ? "quality" : "time (quality not measured)")
        + ", source " + profile.sourceSize() + ", " + profile.device(), LEFT, 32);
    drawAxes(g, x, y, logX, yName);
    for (int m = 0; m < profile.upsampleMethods().size(); m++) {
      String method = profile.upsampleMethods().get(m);
      Color colour = COLOURS[m % COLOURS.length];
      List<ProfileRow> line = profile.rowsOf(method);
      g.setColor(colour);
      // later methods thinner, so that one lying on another still shows
      g.setStroke(new BasicStroke(Math.max(1.2f, 5f - 1.6f * m)));
      for (int i = 1; i < line.size(); i++) {
        g.draw(new Line2D.Double(x.at(line.get(i - 1).gflops()), y.at(yOf.applyAsDouble(line.get(i - 1))),
            x.at(line.get(i).gflops()), y.at(yOf.applyAsDouble(line.get(i)))));
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (ProfileRow r : line) {
        int px = (int) x.at(r.gflops());
        int py = (int) y.at(yOf.applyAsDouble(r));
        g.setColor(colour);
        int dot = Math.max(6, 13 - 3 * m);
        g.fillOval(px - dot / 2, py - dot / 2, dot, dot);
        if (m == 0) {
          g.setColor(Color.DARK_GRAY);
          String name = "L" + r.level() + " " + r.width() + "x" + r.height();
          // names near the right edge go on the left of their point
          int nameX = px + 8 + g.getFontMetrics().stringWidth(name) > WIDTH - RIGHT ? px - 8 - g.getFontMetrics().stringWidth(name) : px + 8;
          g.drawString(name, nameX, py + 16);
        }
      }
      g.setColor(colour);
      g.fillRect(WIDTH - RIGHT + 25, TOP + 10 + 24 * m, 18, 12);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      g.drawString(method, WIDTH - RIGHT + 50, TOP + 21 + 24 * m);
    }
    g.dispose();
    return image;
  }

  private static void drawAxes(Graphics2D g, Axis x, Axis y, boolean logX, String yName) {
    g.setStroke(new BasicStroke(1f));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (double t : x.ticks()) {
      int px = (int) x.at(t);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
      g.setColor(Color.BLACK);
      g.drawString(label(t), px - 14, HEIGHT - BOTTOM + 18);
    }
    for (double t : y.ticks()) {
      int py = (int) y.at(t);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(LEFT, py, WIDTH - RIGHT, py);
      g.setColor(Color.BLACK);
      g.drawString(label(t), LEFT - 55, py + 4);
    }
    g.drawRect(LEFT, TOP, WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString("GFLOPs per frame" + (logX ? " (log scale)" : ""), (LEFT + WIDTH - RIGHT) / 2 - 60, HEIGHT - 25);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yName, -(TOP + HEIGHT - BOTTOM) / 2 - 80, 22);
    rotated.dispose();
  }

  private static String label(double v) {
    return Math.abs(v) < 1e-12 ? "0" : Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "")
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }

  /** Maps values to pixels along one side; log axes tick at 1, 2, 5 per decade. */
  private record Axis(double min, double max, double from, double to, boolean log) {
    static Axis linear(double min, double max, double from, double to) {
      return new Axis(min, max, from, to, false);
    }

    static Axis log(double min, double max, double from, double to) {
      return new Axis(min, max, from, to, true);
    }

    double at(double v) {
      double f = log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
      return from + f * (to - from);
    }

    double[] ticks() {
      if (log) {
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        for (double decade = Math.pow(10, Math.floor(Math.log10(min))); decade <= max; decade *= 10) {
          for (double m : new double[] {1, 2, 5}) {
            if (decade * m >= min && decade * m <= max) {
              ticks.add(decade * m);
            }
          }
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
      }
      double raw = (max - min) / 6;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double step = raw / magnitude < 2 ? 2 * magnitude : raw / magnitude < 5 ? 5 * magnitude : 10 * magnitude;
      if (raw / magnitude < 1.5) {
        step = magnitude;
      }
      int count = (int) Math.floor(max / step) - (int) Math.ceil(min / step) + 1;
      double[] ticks = new double[Math.max(0, count)];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = (Math.ceil(min / step) + i) * step;
      }
      return ticks;
    }
  }
}
