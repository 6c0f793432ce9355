package org.peerloop.content.flow;

import java.math.BigDecimal;

/** A named range of a rating, both ends included, such as {@code stuck: 0-3}. */
public record Band(String name, int from, int to) {

  public boolean contains(BigDecimal value) {
    return value.compareTo(BigDecimal.valueOf(from)) >= 0
        && value.compareTo(BigDecimal.valueOf(to)) <= 0;
  }
}
