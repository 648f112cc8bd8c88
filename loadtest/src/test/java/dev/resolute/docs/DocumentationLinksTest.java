package dev.resolute.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a page a newcomer reads to the end, and it and docs/ stay one web: every docs
 * page is reachable from the README, and every relative link (file and heading) leads somewhere.
 */
class DocumentationLinksTest {
  /** Surefire runs in the module's folder. */
  private static final Path ROOT = Path.of("..");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_BLOCK = Pattern.compile("```.*?```", Pattern.DOTALL);
  private static final Pattern HEADING = Pattern.compile("^#{1,6} (.*)$");

  @Test
  void theReadmeFitsOnAFewScreens() throws IOException {
    assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThan(250);
  }

  @Test
  void everyDocsPageIsLinkedFromTheReadme() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (Path page : docsPages()) {
      String link = "](docs/" + page.getFileName() + ")";
      assertThat(readme).as("README links %s", page.getFileName()).contains(link);
    }
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
    List<Path> pages = new ArrayList<>(docsPages());
    pages.add(ROOT.resolve("README.md"));
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = LINK.matcher(CODE_BLOCK.matcher(Files.readString(page)).replaceAll(""));
      while (m.find()) {
        String link = m.group(1);
        if (link.matches("[a-z]+:.*")) {
          continue; // http:, mailto:
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(target)) {
          broken.add(ROOT.relativize(page) + ": no file " + link);
        } else if (hash >= 0 && target.toString().endsWith(".md") && !anchors(target).contains(link.substring(hash + 1))) {
          broken.add(ROOT.relativize(page) + ": no heading " + link);
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  private static List<Path> docsPages() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (!inCode && heading.matches()) {
        String slug = heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return anchors;
  }
}
