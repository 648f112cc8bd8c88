package dev.resolute.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard parses, and every query in it names only series that {@link MetricsEndpointIT}
 * saw a running processor serve (through {@link DashboardSeries}): a renamed meter breaks this
 * test instead of leaving an empty panel.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "resolute.json");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

  @Test
  void shouldQueryOnlySeriesAProcessorServes() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> exprs = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
    assertThat(exprs).as("queries").hasSizeGreaterThan(20);
    List<String> known = DashboardSeries.read();
    for (String expr : exprs) {
      assertThat(PromQlSeries.of(expr)).as(expr).isNotEmpty().isSubsetOf(known);
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      String query = variable.path("query").isObject() ? variable.path("query").path("query").asText() : variable.path("query").asText();
      Matcher m = LABEL_VALUES.matcher(query);
      if (m.find()) {
        assertThat(known).as(query).contains(m.group(1));
      }
    }
  }

  @Test
  void shouldGiveEveryPanelATitleAndTheDatasourceVariable() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("resolute");
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("title").asText()).as("panel %s", panel.path("id")).isNotBlank();
      if (!"row".equals(panel.path("type").asText())) {
        assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
        assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      }
    }
  }

  @Test
  void shouldReadSeriesButNotFunctionsLabelsOrRangesFromAQuery() {
    assertThat(PromQlSeries.of("histogram_quantile(0.99, sum by (le, camera) (rate(a_bucket{camera=~\"x|y\", le!=\"1\"}[$__rate_interval])))"
        + " / on (camera) group_left b_total and count(c) offset 5m")).isEqualTo(Set.of("a_bucket", "b_total", "c"));
  }
}
