package dev.resolute.web;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may read the viewer. Two checks, in this order:
 * <ul>
 *   <li>The Host header must name this server: on loopback only loopback names and addresses,
 *       otherwise the bound address (every local address for a wildcard) or a name the operator
 *       configured. A page of another site whose name an attacker re-points at this host (DNS
 *       rebinding) sends its own name, and is refused.
 *   <li>The token, when there is one (always when bound beyond loopback): given once in the URL,
 *       which answers with a cookie (HttpOnly, SameSite=Strict) and a redirect to the same page
 *       without it, so that the page's own requests carry the cookie and the token leaves the
 *       address bar and the history. Compared in constant time.
 * </ul>
 */
final class ViewerAccess {
  static final String TOKEN_PARAMETER = "token";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] token;
  private final String cookie;
  private final Set<String> hosts;
  private final boolean loopbackNames;

  private ViewerAccess(byte[] token, String cookie, Set<String> hosts, boolean loopbackNames) {
    this.token = token;
    this.cookie = cookie;
    this.hosts = hosts;
    this.loopbackNames = loopbackNames;
  }

  /** A fresh random token: 256 bits, URL-safe. */
  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The checks for a server bound at {@code bound}: {@code token} null for none, {@code names} the
   * host names beyond the bound address that the Host header may carry (a DNS name or a proxy's).
   */
  static ViewerAccess of(InetSocketAddress bound, String token, Collection<String> names) throws SocketException {
    InetAddress address = bound.getAddress();
    Set<String> hosts = new HashSet<>();
    names.forEach(n -> hosts.add(normalise(n)));
    if (address.isAnyLocalAddress()) {
      for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
        nic.inetAddresses().forEach(a -> hosts.add(normalise(a.getHostAddress())));
      }
    } else {
      hosts.add(normalise(address.getHostAddress()));
    }
    // a cookie is shared by every port of a host: name it by port, so that two viewers do not overwrite each other's
    String cookie = "resolute_viewer_" + bound.getPort();
    return new ViewerAccess(token == null ? null : token.getBytes(StandardCharsets.UTF_8), cookie, hosts,
        address.isLoopbackAddress() || address.isAnyLocalAddress());
  }

  boolean needsToken() {
    return token != null;
  }

  String cookieName() {
    return cookie;
  }

  /** Whether the Host header names this server (see the class comment); a request without one is refused. */
  boolean hostAllowed(String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    String host = normalise(stripPort(header.trim()));
    if (hosts.contains(host)) {
      return true;
    }
    return loopbackNames && (host.equals("localhost") || isLoopbackLiteral(host));
  }

  /** Whether {@code candidate} is the token, in time independent of where they differ. */
  boolean tokenMatches(String candidate) {
    return token != null && candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** The token of this viewer's cookie in the request, or null. */
  String cookieToken(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(cookie)) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }

  String setCookie(String value) {
    return cookie + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(1, close);
    }
    int colon = host.indexOf(':');
    return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    int zone = h.indexOf('%'); // an interface's IPv6 address comes with its zone; a Host header never does
    if (zone >= 0) {
      h = h.substring(0, zone);
    }
    h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    if (IPV4.matcher(h).matches() || h.contains(":")) {
      try {
        return InetAddress.getByName(h).getHostAddress(); // one spelling per address: "::1" and "0:0:0:0:0:0:0:1" alike
      } catch (UnknownHostException e) {
        return h;
      }
    }
    return h;
  }

  /** A loopback address written as one; never a name, which would need a DNS look-up that an attacker controls. */
  private static boolean isLoopbackLiteral(String host) {
    if (!IPV4.matcher(host).matches() && !host.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
