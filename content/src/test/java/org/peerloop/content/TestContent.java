package org.peerloop.content;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.peerloop.content.flow.FlowLibrary;

/** The content the tests run on: shipped flows, and fixture flows that exercise every feature. */
public final class TestContent {

  private static FlowLibrary shipped;
  private static FlowLibrary fixtures;

  private TestContent() {}

  public static synchronized FlowLibrary shipped() {
    if (shipped == null) {
      shipped = FlowLibrary.fromClasspath();
    }
    return shipped;
  }

  public static synchronized FlowLibrary fixtures() {
    if (fixtures == null) {
      fixtures = FlowLibrary.fromDirectory(resource("fixtures"));
    }
    return fixtures;
  }

  /** A directory under src/test/resources, wherever the build runs from. */
  public static Path resource(String name) {
    try {
      return Path.of(TestContent.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
