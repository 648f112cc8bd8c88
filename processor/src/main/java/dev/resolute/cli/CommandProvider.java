package dev.resolute.cli;

import java.util.Map;

/**
 * Commands that other modules add to {@code resolute} (the load-test module's record and replay),
 * found through {@link java.util.ServiceLoader} so that the processor does not depend on them.
 */
public interface CommandProvider {
  /** Command name to a picocli command object. */
  Map<String, Object> commands();
}
