package org.peerloop.bot.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code peerloop.scheduler.*}: {@code node} names this instance in claims (stable across restarts
 * so a restarted instance finishes what it had claimed; distinct per instance), {@code poll} how
 * often due work is claimed, {@code plan} how often cadences are planned, {@code threads} how many
 * items run at once, {@code lease} after how long an unrenewed claim may be taken over, {@code
 * jobs} whether the Quartz jobs run (tests drive them by hand).
 */
@ConfigurationProperties("peerloop.scheduler")
record SchedulerProperties(
    String node, Duration poll, Duration plan, Integer threads, Duration lease, Boolean jobs) {

  SchedulerProperties {
    node = node == null || node.isBlank() ? null : node.strip();
    poll = poll == null ? Duration.ofSeconds(5) : poll;
    plan = plan == null ? Duration.ofMinutes(5) : plan;
    threads = threads == null ? 4 : threads;
    lease = lease == null ? Duration.ofMinutes(2) : lease;
    jobs = jobs == null || jobs;
  }

  /**
   * Host name and port: stable across restarts, and distinct for two instances on one host (they
   * cannot share a port). Port 0 (tests) gets a random name; a restart then recovers its claims
   * after the lease.
   */
  static String defaultNode(String port) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "peerloop";
    }
    return host + ":" + ("0".equals(port) ? java.util.UUID.randomUUID().toString() : port);
  }
}
