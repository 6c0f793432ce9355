package org.peerloop.bot.conversation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires reminders and expiries: every few seconds it reads the wait buckets of each minute that has
 * fully passed since the last run (a minute's bucket is read once the minute is over, so nothing in
 * it is early), wakes each contact listed, and moves a persisted cursor. After a restart it resumes
 * from the cursor, so nothing due while the app was down is skipped. The scheduler issue replaces
 * this with planned, per-time-zone due work.
 */
@Component
class WaitPoller {

  static final String CURSOR = "wait_cursor";
  private static final Logger log = LoggerFactory.getLogger(WaitPoller.class);
  private static final Duration LONGEST_CATCH_UP = Duration.ofDays(14);

  private final WaitBuckets buckets;
  private final ConversationService conversations;
  private final MongoCollection<Document> cursor;
  private final Clock clock;

  WaitPoller(
      WaitBuckets buckets, ConversationService conversations, MongoTemplate mongo, Clock clock) {
    this.buckets = buckets;
    this.conversations = conversations;
    this.cursor = mongo.getCollection(CURSOR);
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${peerloop.waits.poll-ms:5000}")
  void poll() {
    Instant now = clock.instant();
    Instant current = WaitBuckets.minuteOf(now);
    Instant next = next(current);
    int woken = 0;
    for (Instant minute = next;
        minute.isBefore(current);
        minute = minute.plus(Duration.ofMinutes(1))) {
      for (String contactId : buckets.due(minute)) {
        try {
          conversations.wake(contactId, now);
          woken++;
        } catch (RuntimeException e) {
          // Leave the bucket and the cursor: the next poll tries this minute again.
          log.warn("wake-up failed for a contact in {}: {}", minute, e.toString());
          return;
        }
      }
      buckets.remove(minute);
      save(minute.plus(Duration.ofMinutes(1)));
    }
    if (woken > 0) {
      log.info("woke {} waiting conversations", woken);
    }
  }

  private Instant next(Instant current) {
    Document d = cursor.find(eq("_id", CURSOR)).first();
    if (d == null) {
      return current.minus(Duration.ofMinutes(1));
    }
    Instant saved = d.getDate("next").toInstant();
    Instant oldest = current.minus(LONGEST_CATCH_UP);
    return saved.isBefore(oldest) ? oldest : saved;
  }

  private void save(Instant next) {
    cursor.replaceOne(
        eq("_id", CURSOR),
        new Document("_id", CURSOR).append("next", Date.from(next)),
        new ReplaceOptions().upsert(true));
  }
}
