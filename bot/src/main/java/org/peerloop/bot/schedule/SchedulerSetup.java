package org.peerloop.bot.schedule;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.peerloop.bot.store.CollectionSpec;
import org.peerloop.scheduler.DueItem;
import org.peerloop.scheduler.DueStore;
import org.peerloop.scheduler.DueWork;
import org.peerloop.scheduler.Planner;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The scheduler's parts and its two static Quartz jobs (in-memory job store): claim due work every
 * few seconds, plan cadences every few minutes. Planning runs under a ShedLock lock in the store,
 * so with several instances on one MongoDB one plans at a time; claims are atomic per slot, so
 * every instance may claim.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerSetup {

  static final String LOCKS = "shedlock";

  @Bean
  DueStore dueStore(MongoTemplate mongo) {
    return new DueStore(mongo.getDb());
  }

  @Bean(destroyMethod = "close")
  DueWork dueWork(
      DueStore store,
      NudgeHandler nudges,
      WakeHandler wakes,
      ResumeHandler resumes,
      java.util.List<DueKind> others,
      Clock clock,
      SchedulerProperties props,
      @org.springframework.beans.factory.annotation.Value("${server.port:8080}") String port) {
    Map<String, org.peerloop.scheduler.DueHandler> handlers =
        new java.util.HashMap<>(
            Map.of(DueItem.NUDGE, nudges, DueItem.WAKE, wakes, ResumeHandler.KIND, resumes));
    others.forEach(h -> handlers.put(h.kind(), h));
    return new DueWork(
        store,
        Map.copyOf(handlers),
        clock,
        props.node() != null ? props.node() : SchedulerProperties.defaultNode(port),
        props.threads(),
        props.lease());
  }

  @Bean
  Planner planner(MongoTemplate mongo, DueStore store, BotRoster roster, Clock clock) {
    return new Planner(mongo.getDb(), store, roster, clock);
  }

  @Bean
  LockingTaskExecutor schedulerLocks(MongoTemplate mongo) {
    return new DefaultLockingTaskExecutor(
        new MongoLockProvider(mongo.getDb().getCollection(LOCKS)));
  }

  @Bean
  @ConditionalOnProperty(
      name = "peerloop.scheduler.jobs",
      havingValue = "true",
      matchIfMissing = true)
  JobDetail dueWorkJob() {
    return JobBuilder.newJob(DueWorkJob.class).withIdentity("due-work").storeDurably().build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "peerloop.scheduler.jobs",
      havingValue = "true",
      matchIfMissing = true)
  Trigger dueWorkTrigger(JobDetail dueWorkJob, SchedulerProperties props) {
    return every(dueWorkJob, "due-work", props.poll().toMillis());
  }

  @Bean
  @ConditionalOnProperty(
      name = "peerloop.scheduler.jobs",
      havingValue = "true",
      matchIfMissing = true)
  JobDetail planJob() {
    return JobBuilder.newJob(PlanJob.class).withIdentity("plan").storeDurably().build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "peerloop.scheduler.jobs",
      havingValue = "true",
      matchIfMissing = true)
  Trigger planTrigger(JobDetail planJob, SchedulerProperties props) {
    return every(planJob, "plan", props.plan().toMillis());
  }

  private static Trigger every(JobDetail job, String name, long millis) {
    return TriggerBuilder.newTrigger()
        .forJob(job)
        .withIdentity(name)
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(millis)
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .startNow()
        .build();
  }

  @Bean
  CollectionSpec dueItemsSpec() {
    return CollectionSpec.hot(DueStore.ITEMS, List.of());
  }

  @Bean
  CollectionSpec dueBucketsSpec() {
    return CollectionSpec.hot(DueStore.BUCKETS, List.of());
  }

  @Bean
  CollectionSpec dueHoursSpec() {
    return CollectionSpec.hot(DueStore.HOURS, List.of());
  }

  @Bean
  CollectionSpec dueClaimsSpec() {
    return CollectionSpec.hot(DueStore.CLAIMS, List.of());
  }

  @Bean
  CollectionSpec dueCursorsSpec() {
    return CollectionSpec.hot(DueStore.CURSORS, List.of());
  }

  @Bean
  CollectionSpec duePlansSpec() {
    return CollectionSpec.hot(Planner.PLANS, List.of());
  }

  @Bean
  CollectionSpec schedulesSpec() {
    return CollectionSpec.hot(ScheduleStore.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec nudgePeriodsSpec() {
    return CollectionSpec.hot(NudgePeriods.COLLECTION, List.of());
  }

  @Bean
  CollectionSpec pausesSpec() {
    return CollectionSpec.hot(Pauses.COLLECTION, List.of());
  }
}
