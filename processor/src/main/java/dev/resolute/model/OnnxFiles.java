package dev.resolute.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes ONNX model files of any size protobuf can address. */
public final class OnnxFiles {
  private OnnxFiles() {}

  public static ModelProto read(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      CodedInputStream coded = CodedInputStream.newInstance(in);
      coded.setSizeLimit(Integer.MAX_VALUE); // real models exceed protobuf's 64 MB default
      return ModelProto.parseFrom(coded);
    } catch (IOException e) {
      throw new ModelLoadException("model file " + file + " is not a readable ONNX model: " + e.getMessage(), e);
    }
  }

  public static ModelProto parse(byte[] bytes) {
    try {
      CodedInputStream coded = CodedInputStream.newInstance(bytes);
      coded.setSizeLimit(Integer.MAX_VALUE);
      return ModelProto.parseFrom(coded);
    } catch (IOException e) {
      throw new ModelLoadException("bytes are not an ONNX model: " + e.getMessage(), e);
    }
  }

  public static void write(ModelProto model, Path file) throws IOException {
    AtomicWrite.write(file, model::writeTo);
  }
}
