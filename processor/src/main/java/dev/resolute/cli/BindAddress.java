package dev.resolute.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;

/** The address a small server of the process binds ({@code --metrics-bind}, {@code --viewer-bind}), and how a URL names it. */
final class BindAddress {
  /** What the options take for the default: the loopback interface, so nothing is served to the network unasked. */
  static final String LOOPBACK = "loopback";

  private BindAddress() {}

  /** {@code value} as an address of this host; {@code loopback} (or null) for the loopback interface. */
  static InetAddress parse(String option, String value) {
    if (value == null || value.equals(LOOPBACK)) {
      return InetAddress.getLoopbackAddress();
    }
    if (value.isBlank()) {
      throw new UserError(option + " is empty: give an address of this host, " + LOOPBACK + " or 0.0.0.0");
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new UserError(option + " " + value + ": no such address (" + e.getMessage() + "); give an address of this host, "
          + LOOPBACK + " or 0.0.0.0");
    }
  }

  /**
   * How a URL should name a server bound at {@code bound}: the address itself, or for a wildcard
   * the first address of an interface that is up and not loopback (what a browser on another host
   * would use), else loopback.
   */
  static String urlHost(InetAddress bound) {
    InetAddress shown = bound.isAnyLocalAddress() ? firstExternal().orElse(InetAddress.getLoopbackAddress()) : bound;
    String literal = shown.getHostAddress();
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    return shown instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  private static Optional<InetAddress> firstExternal() {
    try {
      return NetworkInterface.networkInterfaces().filter(BindAddress::up)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .sorted((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address)) // IPv4 first: easier to type
          .findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static boolean up(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
