package dev.resolute.cli;

import java.util.Map;

/**
 * Commands that other modules add to {@code resolute} (the workbench's tools: demo, bench, chaos, record, replay and the rest),
 * found through {@link java.util.ServiceLoader} so that the processor does not depend on them.
 */
public interface CommandProvider {
  /** Command name to a picocli command object. */
  Map<String, Object> commands();
}
