package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resolute broker} as a user runs it, in a process of its own: it says where it listens,
 * keeps what it was given across a stop (SIGTERM, as Ctrl-C sends) and a start, at the same
 * address, and takes its Kafka process with it when it stops.
 */
class BrokerCommandIT {
  private static final Pattern UP = Pattern.compile("--bootstrap-servers (\\S+)");
  @TempDir Path dir;

  @Test
  void shouldKeepItsDataAndAddressAcrossAStopAndAStart() throws Exception {
    Path data = dir.resolve("kafka-data");
    String address;
    Process first = start(data);
    try {
      address = awaitAddress(first);
      try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", address))) {
        admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", address),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "k", "survives a restart")).get();
      }
    } finally {
      stop(first);
    }

    Process second = start(data);
    try {
      assertThat(awaitAddress(second)).as("the same address as before").isEqualTo(address);
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", address,
          "group.id", "check", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("kept"));
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.isEmpty() && System.nanoTime() < deadline) {
          records = consumer.poll(Duration.ofMillis(500));
        }
        assertThat(records).extracting(r -> r.value()).containsExactly("survives a restart");
      }
    } finally {
      stop(second);
    }
  }

  private static Process start(Path data) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "dev.resolute.cli.ResoluteCli", "broker", "--data-dir", data.toString())
        .redirectErrorStream(true).start();
  }

  private static String awaitAddress(Process process) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String address = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher up = UP.matcher(line);
          if (up.find()) {
            return up.group(1);
          }
        }
      } catch (java.io.IOException e) {
        return null;
      }
      return null;
    }).completeOnTimeout(null, 90, TimeUnit.SECONDS).join();
    assertThat(address).as("the broker command printed its address").isNotNull();
    CompletableFuture.runAsync(() -> out.lines().forEach(line -> { })); // never block it on a full pipe
    return address;
  }

  /** SIGTERM, as Ctrl-C or a service manager sends; the command must end, and its Kafka with it. */
  private static void stop(Process process) throws Exception {
    List<ProcessHandle> kafka = process.descendants().toList();
    process.destroy();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the broker command ended").isTrue();
    for (ProcessHandle child : kafka) {
      child.onExit().get(30, TimeUnit.SECONDS);
      assertThat(child.isAlive()).isFalse();
    }
  }
}
