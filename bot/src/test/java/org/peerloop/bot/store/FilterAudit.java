package org.peerloop.bot.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Test-time driver listener that records every filter sent to a hot collection which the embedded
 * store would answer by scanning. {@link FilterAuditExtension} fails the test that caused one, so
 * the build fails.
 */
public final class FilterAudit implements CommandListener {

  public static final FilterAudit INSTANCE = new FilterAudit();

  private final Map<String, CollectionSpec> hot = new ConcurrentHashMap<>();
  private final Queue<String> violations = new ConcurrentLinkedQueue<>();

  FilterAudit() {}

  public void watch(Collection<CollectionSpec> specs) {
    specs.stream().filter(CollectionSpec::hot).forEach(s -> hot.put(s.name(), s));
  }

  /** Returns and forgets the violations seen so far. */
  public List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String v; (v = violations.poll()) != null; ) {
      out.add(v);
    }
    return out;
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    check(event.getCommandName(), event.getCommand());
  }

  void check(String commandName, BsonDocument command) {
    String name = commandName.equals("findandmodify") ? "findAndModify" : commandName;
    BsonValue target = command.get(commandName);
    if (target == null || !target.isString()) {
      return;
    }
    CollectionSpec spec = hot.get(target.asString().getValue());
    if (spec == null || allowedScan(command)) {
      return;
    }
    for (BsonDocument filter : filters(name, command)) {
      ExactKeyRule.violation(spec, filter)
          .ifPresent(
              why -> violations.add(name + " on hot '" + spec.name() + "' " + filter + ": " + why));
    }
  }

  /**
   * A deliberate, reviewed scan of a small working set (e.g. reading the pending outbox at
   * recovery) says so in the command's comment: {@code scan-ok: why}.
   */
  private static boolean allowedScan(BsonDocument command) {
    BsonValue comment = command.get("comment");
    return comment != null
        && comment.isString()
        && comment.asString().getValue().startsWith("scan-ok:");
  }

  private static List<BsonDocument> filters(String name, BsonDocument command) {
    return switch (name) {
      case "find" -> List.of(command.getDocument("filter", new BsonDocument()));
      case "count", "distinct", "findAndModify" ->
          List.of(command.getDocument("query", new BsonDocument()));
      case "update" -> each(command.getArray("updates", new BsonArray()), "q");
      case "delete" -> each(command.getArray("deletes", new BsonArray()), "q");
      case "aggregate" -> List.of(firstMatch(command.getArray("pipeline", new BsonArray())));
      default -> List.of();
    };
  }

  private static List<BsonDocument> each(BsonArray statements, String field) {
    return statements.stream()
        .map(s -> s.asDocument().getDocument(field, new BsonDocument()))
        .toList();
  }

  private static BsonDocument firstMatch(BsonArray pipeline) {
    if (!pipeline.isEmpty() && pipeline.get(0).asDocument().containsKey("$match")) {
      return pipeline.get(0).asDocument().getDocument("$match");
    }
    return new BsonDocument();
  }
}
