package dev.resolute.testkit.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Tarjan's strongly connected components of a small graph; only groups of two or more are cycles. */
final class StronglyConnected {
  private final Set<String> nodes;
  private final Function<String, Set<String>> edges;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Integer> low = new HashMap<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final Set<String> onStack = new HashSet<>();
  private final List<Set<String>> groups = new ArrayList<>();

  StronglyConnected(Set<String> nodes, Function<String, Set<String>> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  List<Set<String>> groups() {
    for (String node : nodes) {
      if (!index.containsKey(node)) {
        visit(node);
      }
    }
    return groups;
  }

  private void visit(String node) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (String next : edges.apply(node)) {
      if (!index.containsKey(next)) {
        visit(next);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> group = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        group.add(member);
      } while (!member.equals(node));
      if (group.size() > 1) {
        groups.add(group);
      }
    }
  }
}
