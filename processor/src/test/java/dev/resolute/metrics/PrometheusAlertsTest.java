package dev.resolute.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert rules name only series a running processor serves (those {@link MetricsEndpointIT}
 * checks, through {@link DashboardSeries}) or Prometheus' own {@code up}: a renamed meter breaks
 * this test instead of leaving an alert that can never fire. The PrometheusRule for Kubernetes
 * carries the same groups as the plain rule file. (Their syntax is checked with {@code promtool
 * check rules}, as docs/operations.md says; promtool is not a build dependency.)
 */
class PrometheusAlertsTest {
  private static final Path RULES = Path.of("..", "deploy", "prometheus", "alerts.yml");
  private static final Path K8S_RULES = Path.of("..", "deploy", "k8s", "prometheusrule.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void shouldAlertOnDeadLettersAndAStoppedProcessorWithSeriesAProcessorServes() throws Exception {
    JsonNode groups = YAML.readTree(RULES.toFile()).path("groups");
    List<String> alerts = new ArrayList<>();
    List<String> known = new ArrayList<>(DashboardSeries.read());
    known.add("up");
    for (JsonNode rule : groups.findValues("rules").stream().flatMap(r -> toList(r).stream()).toList()) {
      String name = rule.path("alert").asText();
      alerts.add(name);
      assertThat(PromQlSeries.of(rule.path("expr").asText())).as(name).isNotEmpty().isSubsetOf(known);
      assertThat(rule.path("for").asText()).as(name + ": a blip must not page").isNotBlank();
      assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
    }
    assertThat(alerts).contains("ResoluteDeadLetters", "ResoluteProcessorDown", "ResoluteProcessorAbsent", "ResoluteNoMasks");
  }

  @Test
  void shouldGiveKubernetesTheSameGroups() throws Exception {
    JsonNode rule = YAML.readTree(K8S_RULES.toFile());

    assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(rule.path("spec").path("groups")).isEqualTo(YAML.readTree(RULES.toFile()).path("groups"));
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> all = new ArrayList<>();
    array.forEach(all::add);
    return all;
  }
}
