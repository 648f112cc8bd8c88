package dev.resolute.testkit.footage.corpus;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.javacpp.BytePointer;

final class FfmpegError {
  private FfmpegError() {}

  static String describe(int code) {
    try (BytePointer message = new BytePointer(256)) {
      av_strerror(code, message, 256);
      return message.getString() + " (" + code + ")";
    }
  }
}
