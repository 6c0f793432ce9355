package org.peerloop.bot;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The one wall clock; everything else receives it, so tests can fix time. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Clocks {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
