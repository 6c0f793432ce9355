package org.peerloop.bot.store;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test (JUnit extension auto-detection): a test during which a hot collection
 * was queried by anything but an exact key fails, naming the filter.
 */
public final class FilterAuditExtension implements AfterEachCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> violations = FilterAudit.INSTANCE.drain();
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "filter audit: the embedded store would scan for these filters (see docs/ARCHITECTURE.md"
              + " §Store):\n  "
              + String.join("\n  ", violations));
    }
  }
}
