package org.peerloop.bot.schedule;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.peerloop.scheduler.Planner;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Plans the cadences' next occurrences, one instance at a time. */
@DisallowConcurrentExecution
public class PlanJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(PlanJob.class);

  @Autowired private Planner planner;
  @Autowired private LockingTaskExecutor locks;

  @Override
  protected void executeInternal(JobExecutionContext context) {
    // The lock is about real time (two instances running at once), not the app's clock.
    LockConfiguration lock =
        new LockConfiguration(Instant.now(), "plan", Duration.ofMinutes(10), Duration.ZERO);
    try {
      locks.executeWithLock(
          (Runnable)
              () -> {
                int n = planner.plan();
                if (n > 0) {
                  log.info("planned {} nudges", n);
                }
              },
          lock);
    } catch (RuntimeException e) {
      log.warn("planning failed, trying again next time: {}", e.toString());
    }
  }
}
