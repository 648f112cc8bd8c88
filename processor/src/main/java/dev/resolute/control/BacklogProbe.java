package dev.resolute.control;

/** The end offset of a partition of the chunk topic, as recently seen; -1 while unknown. */
@FunctionalInterface
public interface BacklogProbe {
  BacklogProbe UNKNOWN = partition -> -1;

  long endOffset(int partition);
}
