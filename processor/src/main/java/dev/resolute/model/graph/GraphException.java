package dev.resolute.model.graph;

/**
 * A model graph cannot be read as this package needs it (no image input, a cycle); the message
 * names the graph and the node. Callers treat it as the user's model being unusable, like a model
 * that does not load.
 */
public final class GraphException extends RuntimeException {
  public GraphException(String message) {
    super(message);
  }
}
