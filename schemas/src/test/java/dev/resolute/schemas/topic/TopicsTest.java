package dev.resolute.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.VideoChunk;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldHaveATypedHandleForEveryTopicName() throws Exception {
    List<String> names = Arrays.stream(Topics.class.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(TopicsTest::value)
        .toList();

    assertThat(Topics.all()).extracting(Topic::name).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void shouldGiveOnlyThePerCameraTopicsOnePartitionPerCamera() {
    List<NewTopic> created = Topics.all().stream().map(t -> t.newTopic(5, (short) 3)).toList();

    assertThat(created).filteredOn(t -> t.numPartitions() == 1).extracting(NewTopic::name)
        .containsExactlyInAnyOrder(Topics.DEAD_LETTERS, Topics.INSTANCE_LEASES);
    assertThat(created).filteredOn(t -> t.numPartitions() == 5).hasSize(5);
    assertThat(created).allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo((short) 3));
  }

  @Test
  void shouldCreateTheTopicsWithTheirLimitsAndCompaction() {
    assertThat(Topics.CHUNKS.newTopic(1, (short) 1).configs())
        .containsEntry("max.message.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES));
    assertThat(Topics.LETTERS.newTopic(1, (short) 1).configs())
        .containsEntry("max.message.bytes", String.valueOf(Topics.DEAD_LETTER_MAX_BYTES));
    assertThat(Topics.LAST_DECISIONS.newTopic(1, (short) 1).configs()).containsEntry("cleanup.policy", "compact");
    assertThat(Topics.DECISIONS.newTopic(1, (short) 1).configs()).doesNotContainKey("cleanup.policy");
  }

  @Test
  void shouldReadBackWhatItWrites() {
    VideoChunk chunk = VideoChunk.newBuilder()
        .setCameraId("cam").setSequence(3).setCaptureTimeMs(1_000).setFirstPtsMicros(0).setFrameCount(1).setFps(10)
        .setWidth(2).setHeight(2).setCodec("h264").setContainer("matroska").setPayload(ByteBuffer.wrap(new byte[] {7}))
        .build();

    assertThat(Topics.CHUNKS.read(Topics.CHUNKS.write(chunk))).isEqualTo(chunk);
  }

  @Test
  void shouldAddressARecordToItsTopicAtTheGivenTime() {
    ProducerRecord<String, String> record = Topics.LEASES.record("app/instance-1", "holder", 42L);

    assertThat(record.topic()).isEqualTo(Topics.INSTANCE_LEASES);
    assertThat(record.timestamp()).isEqualTo(42L);
    assertThat(record.partition()).isNull();
  }

  @Test
  void shouldKeepSerdesAndSettingsUnderAnotherName() {
    Topic<String, VideoChunk> replayed = Topics.CHUNKS.named("replayed");

    assertThat(replayed.newTopic(4, (short) 1).name()).isEqualTo("replayed");
    assertThat(replayed.newTopic(4, (short) 1).numPartitions()).isEqualTo(4);
    assertThat(replayed.valueSerde()).isSameAs(Topics.CHUNKS.valueSerde());
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
