package dev.resolute.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The series the Grafana dashboard may query, one a line: the contract between the dashboard
 * test (every query names only these) and the metrics IT (a running processor serves them all).
 */
final class DashboardSeries {
  static final Path FILE = Path.of("..", "deploy", "grafana", "series.txt");

  private DashboardSeries() {}

  static List<String> read() throws IOException {
    return Files.readAllLines(FILE).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }
}
