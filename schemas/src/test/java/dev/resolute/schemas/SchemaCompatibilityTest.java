package dev.resolute.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.serde.SchemaHistory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCompatibilityTest {

  static Stream<Class<? extends SpecificRecordBase>> recordTypes() {
    return Stream.of(VideoChunk.class, SegmentationMask.class, FrameCost.class, DeadLetter.class, ControlDecision.class);
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void everyRecordHasAReleasedVersion(Class<? extends SpecificRecordBase> type) {
    assertThat(SchemaHistory.versionsOf(schemaOf(type).getName())).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void currentSchemaCanReadEveryReleasedWriter(Class<? extends SpecificRecordBase> type) {
    Schema current = schemaOf(type);
    for (Schema released : SchemaHistory.versionsOf(current.getName())) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
      assertThat(result.getType())
          .as("current %s reading a released writer: %s", current.getName(), result.getDescription())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  <T extends SpecificRecordBase> void shouldDecodeMessagesWrittenWithEveryReleasedSchema(Class<T> type)
      throws Exception {
    AvroSerde<T> serde = AvroSerde.of(type);
    for (Schema released : SchemaHistory.versionsOf(schemaOf(type).getName())) {
      GenericRecord written = SampleRecords.filled(released);
      ByteBuffer message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(written);

      T read = serde.fromBytes(toArray(message));

      for (Schema.Field field : released.getFields()) {
        Object expected = written.get(field.name());
        Object actual = read.get(read.getSchema().getField(field.name()).pos());
        assertThat(SampleRecords.normalise(actual))
            .as("%s.%s", type.getSimpleName(), field.name())
            .isEqualTo(SampleRecords.normalise(expected));
      }
    }
  }

  @Test
  void shouldDetectAFieldAddedWithoutDefaultAsIncompatible() {
    Schema released = SchemaHistory.versionsOf("FrameCost").get(0);
    List<Schema.Field> fields = new ArrayList<>();
    released.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field("gpuTemperature", Schema.create(Schema.Type.DOUBLE)));
    Schema broken = Schema.createRecord(released.getName(), null, released.getNamespace(), false, fields);

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void shouldRejectBytesThatAreNotASingleObjectMessage() {
    AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> serde.fromBytes(new byte[] {1, 2, 3, 4}))
        .hasMessageContaining("not a VideoChunk");
  }

  @Test
  void shouldRefuseARecordClaimingMoreBytesThanAnyMessageHoldsWithoutAllocatingThem() throws Exception {
    AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);
    byte[] good = serde.toBytes(VideoChunk.newBuilder()
        .setCameraId("cam").setSequence(0).setCaptureTimeMs(1).setFirstPtsMicros(0).setFrameCount(1).setFps(10)
        .setWidth(2).setHeight(2).setCodec("h264").setContainer("matroska").setPayload(ByteBuffer.wrap(new byte[] {7}))
        .build());
    // the payload's one byte is followed by decodeOnlyFrames (0) and a null sourceClock, a byte each:
    // its length is the zig-zag varint just before those three bytes
    byte[] forged = java.util.Arrays.copyOf(good, good.length + 4);
    int lengthAt = good.length - 4;
    byte[] oneGiB = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}; // 2^30, zig-zag encoded
    System.arraycopy(oneGiB, 0, forged, lengthAt, oneGiB.length);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> serde.fromBytes(forged))
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
        .hasMessageContaining("not a VideoChunk")
        .hasCauseInstanceOf(org.apache.avro.SystemLimitException.class); // refused by the cap, not by running out of bytes
  }

  private static Schema schemaOf(Class<? extends SpecificRecord> type) {
    return org.apache.avro.specific.SpecificData.get().getSchema(type);
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
