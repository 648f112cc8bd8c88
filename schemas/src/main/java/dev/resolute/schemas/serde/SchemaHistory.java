package dev.resolute.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a record's schema, kept as {@code history/<Name>.v<N>.avsc} resources.
 *
 * <p>Readers register all of them so that a message written by any released writer resolves against
 * the current reader schema. A release that changes a schema adds the next version file; the
 * compatibility test then proves the current schema still reads each one.
 */
public final class SchemaHistory {
  private static final String ROOT = "/dev/resolute/schemas/history/";

  private SchemaHistory() {}

  /** Released versions of the named record, oldest first; empty when none was released yet. */
  public static List<Schema> versionsOf(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = ROOT + recordName + ".v" + version + ".avsc";
      try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema history " + resource, e);
      }
    }
  }
}
