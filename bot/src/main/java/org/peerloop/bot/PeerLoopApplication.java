package org.peerloop.bot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts PeerLoop: channels, conversations and the store behind them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerLoopApplication {

  public static void main(String[] args) {
    SpringApplication.run(PeerLoopApplication.class, args);
  }
}
