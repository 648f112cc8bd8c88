package dev.resolute.model.isnet;

import dev.resolute.model.ImageSize;
import dev.resolute.model.OrtRun;

/**
 * A deterministic stand-in for a photo, drawn in code so that the check needs no image file: sky and
 * ground gradients, a textured ground, and three shaded objects with anti-aliased edges.
 *
 * <p>Noise or a flat image would not do: a salient-object network gives nearly flat probabilities
 * on them, so a wrong rewrite could hide in a map with no foreground and no edges. Everything is
 * laid out in fractions of the image, so that every size shows the same scene.
 */
final class SyntheticPhoto {
  private SyntheticPhoto() {}

  /** The scene at {@code size}, RGB, normalised as ISNet expects: {@code (pixel - 128) / 256}. */
  static OrtRun.Tensor at(ImageSize size) {
    int h = size.height();
    int w = size.width();
    float[] data = new float[3 * h * w];
    double pixel = 1.0 / Math.min(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double[] rgb = colour((x + 0.5) / w, (y + 0.5) / h, pixel);
        for (int c = 0; c < 3; c++) {
          data[(c * h + y) * w + x] = (float) ((Math.max(0, Math.min(255, rgb[c])) - 128) / 256);
        }
      }
    }
    return new OrtRun.Tensor(data, new long[] {1, 3, h, w});
  }

  /** Colour at ({@code u}, {@code v}) in [0, 1]; {@code pixel} is one pixel in those units, for edges. */
  private static double[] colour(double u, double v, double pixel) {
    double horizon = 0.58 + 0.03 * Math.sin(u * 5);
    double ground = edge(v - horizon, pixel);
    double[] sky = {120 + 90 * v, 170 + 60 * v, 235 - 10 * v};
    double grass = 20 * texture(u * 90, v * 60) + 10 * texture(u * 17, v * 11);
    double[] soil = {70 + 50 * u + grass, 110 + 30 * (1 - u) + grass, 40 + grass * 0.5};
    double[] rgb = mix(sky, soil, ground);

    // a person-like figure: a head on a rounded body, lit from the left
    double light = 1 - 0.35 * u;
    double body = Math.max(ellipse(u, v, 0.42, 0.62, 0.09, 0.22, pixel), ellipse(u, v, 0.42, 0.33, 0.05, 0.065, pixel));
    rgb = mix(rgb, new double[] {200 * light, 90 * light, 60 * light}, body);

    // a ball with a highlight
    double ball = ellipse(u, v, 0.72, 0.74, 0.08, 0.08, pixel);
    double shade = 0.6 + 0.4 * (1 - Math.hypot(u - 0.69, v - 0.71) / 0.11);
    rgb = mix(rgb, new double[] {230 * shade, 200 * shade, 40 * shade}, ball);

    // a striped crate, whose stripes are edges inside an object
    double crate = edge(u - 0.08, pixel) * edge(0.24 - u, pixel) * edge(v - 0.66, pixel) * edge(0.9 - v, pixel);
    double stripes = 25 * Math.signum(Math.sin(v * 140));
    rgb = mix(rgb, new double[] {130 + stripes, 90 + stripes, 50 + stripes}, crate);
    return rgb;
  }

  /** Coverage of an anti-aliased edge: 0 well below zero, 1 well above, a ramp one pixel wide. */
  private static double edge(double distance, double pixel) {
    return Math.max(0, Math.min(1, 0.5 + distance / pixel));
  }

  private static double ellipse(double u, double v, double cu, double cv, double ru, double rv, double pixel) {
    double r = Math.hypot((u - cu) / ru, (v - cv) / rv);
    return edge((1 - r) * Math.min(ru, rv), pixel);
  }

  /** Smooth value noise in [-1, 1] from a fixed hash: texture that is the same on every run. */
  private static double texture(double x, double y) {
    int xi = (int) Math.floor(x);
    int yi = (int) Math.floor(y);
    double fx = smooth(x - xi);
    double fy = smooth(y - yi);
    double top = lerp(hash(xi, yi), hash(xi + 1, yi), fx);
    double bottom = lerp(hash(xi, yi + 1), hash(xi + 1, yi + 1), fx);
    return lerp(top, bottom, fy);
  }

  private static double hash(int x, int y) {
    int n = x * 374761393 + y * 668265263;
    n = (n ^ (n >>> 13)) * 1274126177;
    return ((n ^ (n >>> 16)) & 0xffff) / 32767.5 - 1;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
  }

  private static double[] mix(double[] a, double[] b, double t) {
    return new double[] {lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)};
  }
}
