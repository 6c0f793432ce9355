package org.peerloop.content.flow;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.peerloop.content.catalog.Catalog;
import org.peerloop.content.catalog.ContentFormatException;
import org.peerloop.content.catalog.ContentSource;

/**
 * Every flow, keyed by id and revision, and the catalogue of texts and words that goes with them.
 * Superseded revisions stay in their own files ({@code checkin.r1.yaml}, {@code checkin.r2.yaml})
 * so a session finishes on the revision it started on.
 */
public final class FlowLibrary {

  private static final Pattern FILE = Pattern.compile("flows/([a-z][a-z0-9-]*)\\.r(\\d+)\\.yaml");

  private final Map<String, Map<Integer, Flow>> flows;
  private final Catalog catalog;

  private FlowLibrary(Map<String, Map<Integer, Flow>> flows, Catalog catalog) {
    this.flows = flows;
    this.catalog = catalog;
  }

  /** The flows shipped in this jar, listed in {@code flows/index.txt}. */
  public static FlowLibrary fromClasspath() {
    return load(ContentSource.classpath());
  }

  /**
   * Flows under {@code root/flows/} with texts under {@code root/messages/}; languages, words and
   * system texts fall back to the shipped ones when the directory has none.
   */
  public static FlowLibrary fromDirectory(Path root) {
    return load(ContentSource.directory(root));
  }

  public static FlowLibrary load(ContentSource source) {
    Map<String, Map<Integer, Flow>> flows = new TreeMap<>();
    for (String path : source.flowFiles()) {
      var m = FILE.matcher(path);
      if (!m.matches()) {
        throw new ContentFormatException(path + ": flow files are named <id>.r<revision>.yaml");
      }
      String text =
          source.read(path).orElseThrow(() -> new ContentFormatException(path + ": missing"));
      Flow flow = FlowReader.read(text, path);
      if (!flow.id().equals(m.group(1)) || flow.revision() != Integer.parseInt(m.group(2))) {
        throw new ContentFormatException(
            path + ": holds " + flow.label() + ", which does not match the file name");
      }
      flows.computeIfAbsent(flow.id(), id -> new TreeMap<>()).put(flow.revision(), flow);
    }
    return new FlowLibrary(flows, Catalog.load(source));
  }

  /** One revision of a flow: what a session that started on it must keep using. */
  public Optional<Flow> flow(String id, int revision) {
    return Optional.ofNullable(flows.getOrDefault(id, Map.of()).get(revision));
  }

  /** The newest revision, which new sessions start on. */
  public Optional<Flow> latest(String id) {
    return flows.getOrDefault(id, Map.of()).values().stream()
        .max(Comparator.comparingInt(Flow::revision));
  }

  public List<String> ids() {
    return List.copyOf(flows.keySet());
  }

  /** Every revision of every flow, oldest first, for the checker. */
  public List<Flow> all() {
    return flows.values().stream().flatMap(byRevision -> byRevision.values().stream()).toList();
  }

  public Catalog catalog() {
    return catalog;
  }
}
