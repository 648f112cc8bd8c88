package dev.resolute.workbench.record;

import dev.resolute.schemas.VideoChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * A recording of chunk traffic: an Avro object container file of {@link VideoChunk}, in the order
 * the chunks were read, every field as it was (capture times included), so a replay can reproduce
 * both the bytes and the timing. The writer schema travels in the file header.
 */
public final class ChunkRecording implements AutoCloseable {
  private final DataFileWriter<VideoChunk> writer;
  private long chunks;

  private ChunkRecording(DataFileWriter<VideoChunk> writer) {
    this.writer = writer;
  }

  public static ChunkRecording create(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      DataFileWriter<VideoChunk> writer = new DataFileWriter<>(new SpecificDatumWriter<>(VideoChunk.class));
      writer.setCodec(CodecFactory.nullCodec()); // the payload is compressed video already
      writer.create(VideoChunk.getClassSchema(), file.toFile());
      return new ChunkRecording(writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create recording " + file, e);
    }
  }

  public void append(VideoChunk chunk) {
    try {
      writer.append(chunk);
      chunks++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the recording", e);
    }
  }

  public long chunks() {
    return chunks;
  }

  /** Every chunk of a recording, in recorded order. */
  public static List<VideoChunk> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("recording " + file + " does not exist");
    }
    List<VideoChunk> chunks = new ArrayList<>();
    try (DataFileReader<VideoChunk> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(VideoChunk.class))) {
      reader.forEach(chunks::add);
    } catch (IOException e) {
      throw new UncheckedIOException("recording " + file + " is not an Avro file of VideoChunk: " + e.getMessage(), e);
    }
    return chunks;
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the recording", e);
    }
  }
}
