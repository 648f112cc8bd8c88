package dev.resolute.topology;

import dev.resolute.schemas.topic.Topics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates Resolute's topics where they are missing; existing topics are left as they are. */
public final class TopicSetup {
  private TopicSetup() {}

  public static void ensure(Admin admin, List<Topics.Spec> specs, short replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = specs.stream()
          .filter(s -> !existing.contains(s.name()))
          .map(s -> new NewTopic(s.name(), s.partitions(), replicationFactor).configs(s.config()))
          .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
