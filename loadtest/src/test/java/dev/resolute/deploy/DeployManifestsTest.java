package dev.resolute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.resolute.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment files against the code they deploy: every manifest parses, every command line in
 * them names real commands and options, and the autoscaler watches the topic, group, metric and
 * partition count the processor really has. A renamed option or metric fails here, not in a
 * cluster.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern OPTION = Pattern.compile("^(--[a-z-]+)");

  @Test
  void shouldParseEveryYamlFileAndGiveEveryKubernetesObjectItsIdentity() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      JsonNode doc = YAML.readTree(file.toFile());
      assertThat(doc).as("%s parses", file).isNotNull();
      if (file.startsWith(DEPLOY.resolve("k8s"))) {
        assertThat(doc.path("apiVersion").asText()).as("%s apiVersion", file).isNotBlank();
        assertThat(doc.path("kind").asText()).as("%s kind", file).isNotBlank();
        assertThat(doc.path("metadata").path("name").asText()).as("%s name", file).isEqualTo("resolute");
      }
    }
  }

  @Test
  void shouldRunTheProcessorWithRealOptionsAndAStableInstanceIdFromThePodName() throws Exception {
    JsonNode statefulSet = k8s("statefulset.yaml");
    JsonNode container = statefulSet.at("/spec/template/spec/containers/0");
    List<String> args = texts(container.path("args"));
    assertThat(args.get(0)).isEqualTo("run");
    assertOptionsExist("run", args.subList(1, args.size()));
    assertThat(args).contains("--instance-id=$(POD_NAME)");
    // /metrics listens on loopback unless told: Prometheus scrapes the pod's IP
    assertThat(args).contains("--metrics-bind=0.0.0.0");
    assertThat(container.path("env").findValuesAsText("fieldPath")).contains("metadata.name");
    assertThat(statefulSet.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText())
        .isEqualTo(statefulSet.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
  }

  @Test
  void shouldScaleOnLagAndOnTheControllersDesiredReplicasUpToThePartitionCount() throws Exception {
    JsonNode scaled = k8s("keda-scaledobject.yaml");
    assertThat(scaled.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("StatefulSet");
    assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo(k8s("statefulset.yaml").at("/metadata/name").asText());
    assertThat(scaled.at("/spec/maxReplicaCount").asInt()).as("replicas capped at the partitions")
        .isEqualTo(Integer.parseInt(k8s("configmap.yaml").at("/data/PARTITIONS").asText()));
    List<String> types = new ArrayList<>();
    for (JsonNode trigger : scaled.at("/spec/triggers")) {
      types.add(trigger.path("type").asText());
      JsonNode metadata = trigger.path("metadata");
      if (trigger.path("type").asText().equals("kafka")) {
        assertThat(metadata.path("topic").asText()).isEqualTo(Topics.VIDEO_CHUNKS);
        assertThat(metadata.path("consumerGroup").asText()).as("the run command's application id")
            .isEqualTo(optionDefault("run", "--application-id"));
      } else {
        assertThat(metadata.path("query").asText()).isEqualTo("max(resolute_desired_replicas)");
        // the series MetricsEndpointIT proves a running processor serves
        assertThat(Files.readAllLines(DEPLOY.resolve("grafana/series.txt"))).contains("resolute_desired_replicas");
        assertThat(metadata.path("threshold").asText()).isEqualTo("1");
      }
    }
    assertThat(types).containsExactlyInAnyOrder("kafka", "prometheus");
  }

  @Test
  void shouldComposeRealCommandsOnLocallyBuiltImages() throws Exception {
    JsonNode services = YAML.readTree(DEPLOY.resolve("compose/compose.yaml").toFile()).path("services");
    assertThat(fieldNames(services)).contains("broker", "processor", "replay", "prometheus", "grafana");
    for (String name : List.of("broker", "processor", "replay")) {
      List<String> command = texts(services.path(name).path("command"));
      assertOptionsExist(command.get(0), command.subList(1, command.size()));
    }
    // Grafana is not in Debian: the stack must come up without an image for it
    assertThat(texts(services.path("grafana").path("profiles"))).as("grafana's compose profiles").containsExactly("grafana");
    List<Path> dockerfiles;
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      dockerfiles = walk.filter(p -> p.getFileName().toString().startsWith("Dockerfile")).toList();
    }
    assertThat(dockerfiles.stream().map(p -> DEPLOY.relativize(p).toString()))
        .contains("docker/Dockerfile.cpu", "docker/Dockerfile.gpu", "docker/kafka/Dockerfile");
    for (Path dockerfile : dockerfiles) {
      List<String> from = Files.readAllLines(dockerfile).stream()
          .filter(line -> line.startsWith("FROM ")).toList();
      assertThat(from).as(dockerfile.toString()).hasSize(1);
      String image = from.get(0).substring(5).trim();
      assertThat(image.split("/")[0]).as("%s builds on a local image, not a registry's", dockerfile).doesNotContain(".");
    }
  }

  private static void assertOptionsExist(String subcommand, List<String> args) {
    CommandLine command = commandLine().getSubcommands().get(subcommand);
    assertThat(command).as("command %s", subcommand).isNotNull();
    for (String arg : args) {
      Matcher option = OPTION.matcher(arg);
      if (option.find()) {
        assertThat(command.getCommandSpec().findOption(option.group(1))).as("%s %s", subcommand, option.group(1)).isNotNull();
      }
    }
  }

  private static String optionDefault(String subcommand, String option) {
    return commandLine().getSubcommands().get(subcommand).getCommandSpec().findOption(option).defaultValue();
  }

  private static CommandLine commandLine() {
    try {
      var method = Class.forName("dev.resolute.cli.ResoluteCli").getDeclaredMethod("commandLine");
      method.setAccessible(true);
      return (CommandLine) method.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode k8s(String file) throws Exception {
    return YAML.readTree(DEPLOY.resolve("k8s").resolve(file).toFile());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
