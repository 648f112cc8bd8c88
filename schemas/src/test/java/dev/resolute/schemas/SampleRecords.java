package dev.resolute.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Records with a distinct non-default value in every field, for any schema. */
final class SampleRecords {
  private SampleRecords() {}

  static GenericRecord filled(Schema schema) {
    GenericRecord record = new GenericData.Record(schema);
    int ordinal = 1;
    for (Schema.Field field : schema.getFields()) {
      record.put(field.pos(), valueFor(field.schema(), ordinal++));
    }
    return record;
  }

  private static Object valueFor(Schema schema, int ordinal) {
    return switch (schema.getType()) {
      case STRING -> "value-" + ordinal;
      case INT -> 1000 + ordinal;
      case LONG -> 1_000_000_000_000L + ordinal;
      case FLOAT -> ordinal + 0.25f;
      case DOUBLE -> ordinal + 0.5;
      case BOOLEAN -> true;
      case BYTES -> ByteBuffer.wrap(new byte[] {(byte) ordinal, 42, (byte) 0xff});
      case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
      case ARRAY -> List.of(valueFor(schema.getElementType(), ordinal), valueFor(schema.getElementType(), ordinal + 1));
      case UNION -> valueFor(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow(), ordinal);
      case RECORD -> filled(schema);
      default -> throw new IllegalArgumentException("no sample for " + schema.getType());
    };
  }

  /** Makes generic and specific representations comparable (strings, enums, byte buffers, lists, nested records). */
  static Object normalise(Object value) {
    if (value instanceof GenericRecord record) {
      java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
      record.getSchema().getFields().forEach(f -> fields.put(f.name(), normalise(record.get(f.pos()))));
      return fields;
    }
    if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof GenericData.EnumSymbol) {
      return value.toString();
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      copy.rewind();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return java.util.HexFormat.of().formatHex(bytes);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normalise(v)));
      return out;
    }
    return value;
  }
}
