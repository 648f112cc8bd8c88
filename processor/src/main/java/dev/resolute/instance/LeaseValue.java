package dev.resolute.instance;

/**
 * What a lease renewal carries: the nonce of the start that holds the id, and who that is for
 * the message a refused starter prints.
 *
 * @param nonce drawn at each start; the same process renews under the same one
 * @param holder "pid N on HOST", for people
 */
record LeaseValue(String nonce, String holder) {
  static LeaseValue mine(String nonce) {
    String host = System.getenv("HOSTNAME");
    return new LeaseValue(nonce, "pid " + ProcessHandle.current().pid() + (host == null || host.isBlank() ? "" : " on " + host));
  }

  /** Null for anything not written by {@link #toString}: the topic is shared, and a stray record is not a holder. */
  static LeaseValue parse(String value) {
    if (value == null) {
      return null;
    }
    int space = value.indexOf(' ');
    return space <= 0 ? null : new LeaseValue(value.substring(0, space), value.substring(space + 1));
  }

  @Override
  public String toString() {
    return nonce + " " + holder;
  }
}
