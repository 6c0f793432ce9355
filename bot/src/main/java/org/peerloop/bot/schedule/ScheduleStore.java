package org.peerloop.bot.schedule;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peerloop.bot.contact.FreshCache;
import org.peerloop.bot.instruments.Cadence;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.scheduler.CadenceRule;
import org.peerloop.scheduler.QuietHours;
import org.peerloop.scheduler.Schedule;
import org.peerloop.scheduler.ScheduleSpec;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Each partnership's schedule, by slug. A partnership nobody has scheduled uses the defaults
 * (weekly check-in, monthly health, quarterly reflection, quiet 20:00–07:00) in its own zone.
 * Reminders read quiet hours on every wait, so reads go through a short cache.
 */
@Component
public class ScheduleStore {

  static final String COLLECTION = "schedules";
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ScheduleStore.class);

  private final MongoCollection<Document> schedules;
  private final PartnershipStore partnerships;
  private final FreshCache<Schedule> cache;

  ScheduleStore(MongoTemplate mongo, PartnershipStore partnerships, Clock clock) {
    this.schedules = mongo.getCollection(COLLECTION);
    this.partnerships = partnerships;
    this.cache = new FreshCache<>(clock, FreshCache.FRESH_FOR);
  }

  public Schedule of(Partnership p) {
    Schedule cached = cache.get(p.slug());
    if (cached != null) {
      return cached;
    }
    long stamp = cache.stamp();
    Document d = schedules.find(eq("_id", p.slug())).first();
    Schedule s =
        d == null
            ? new Schedule(p.slug(), p.zone(), QuietHours.DEFAULT, CadenceRule.defaults())
            : read(p, d);
    cache.put(p.slug(), s, stamp);
    return s;
  }

  /** Reads and checks a schedule sent for {@code p}; throws with a message for the sender. */
  static Schedule read(Partnership p, Map<String, ?> body, Clock clock) {
    return ScheduleSpec.read(
        body,
        p.slug(),
        p.zone(),
        Cadence::schedulable,
        LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  void save(Schedule s, Partnership p) {
    Document d = new Document(ScheduleSpec.write(s, p.zone())).append("_id", s.partnership());
    schedules.replaceOne(eq("_id", s.partnership()), d, new ReplaceOptions().upsert(true));
    cache.evict(s.partnership());
  }

  /** Every partnership's schedule; one that cannot be read is left out (and logged), not all. */
  List<Schedule> all() {
    List<Schedule> out = new ArrayList<>();
    for (Partnership p : partnerships.all()) {
      try {
        out.add(of(p));
      } catch (RuntimeException e) {
        log.warn(
            "the schedule of {} cannot be read, so it is not planned: {}", p.slug(), e.toString());
      }
    }
    return out;
  }

  java.util.Optional<Schedule> of(String slug) {
    return partnerships.find(slug).map(this::of);
  }

  private static Schedule read(Partnership p, Document d) {
    return ScheduleSpec.stored(d, p.slug(), p.zone(), Cadence::schedulable);
  }
}
