package dev.resolute.topology;

import dev.resolute.schemas.topic.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates Resolute's topics where they are missing; existing topics are left as they are. */
public final class TopicSetup {
  private TopicSetup() {}

  /** Every topic in {@link Topics#all()}, the per-camera ones with this many partitions. */
  public static void ensure(Admin admin, int cameraPartitions, short replicationFactor) {
    ensure(admin, Topics.all().stream().map(t -> t.newTopic(cameraPartitions, replicationFactor)).toList());
  }

  public static void ensure(Admin admin, Collection<NewTopic> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
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
