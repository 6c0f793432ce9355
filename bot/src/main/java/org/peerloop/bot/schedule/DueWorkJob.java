package org.peerloop.bot.schedule;

import org.peerloop.scheduler.DueWork;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Claims and runs whatever is due. A failed poll is logged; the next one starts where it stopped.
 */
@DisallowConcurrentExecution
public class DueWorkJob extends QuartzJobBean {

  private static final Logger log = LoggerFactory.getLogger(DueWorkJob.class);

  @Autowired private DueWork work;

  @Override
  protected void executeInternal(JobExecutionContext context) {
    try {
      int n = work.poll();
      if (n > 0) {
        log.info("handled {} due items", n);
      }
    } catch (RuntimeException e) {
      log.warn("claiming due work failed, trying again next time: {}", e.toString());
    }
  }
}
