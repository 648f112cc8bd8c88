package dev.resolute.workbench.demo;

import dev.resolute.schemas.VideoChunk;
import java.util.function.Consumer;

/** Where the demo's chunks come from: a file, or a live camera. */
interface ChunkSource {
  /** What the summary names as the source: a path or a URL. */
  String name();

  /** One line for the console on what is about to be ingested and how. */
  String describe();

  /** Hands every chunk to {@code publish}, in order, and returns once the source is done. */
  Ingested ingest(Consumer<VideoChunk> publish) throws Exception;

  /** What an ingest published; {@code mode} says how the chunks were made. */
  record Ingested(String mode, long chunks, long frames) {}
}
