package org.peerloop.bot.outbox;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where attachments are kept ({@code peerloop.files.dir}; unset: {@code <data dir>/files}, or a
 * temporary directory with the in-memory store) and for how long ({@code keep-days}): a file only
 * has to outlive its message's sending and a person's download of it.
 */
@ConfigurationProperties("peerloop.files")
public record FilesProperties(Path dir, @DefaultValue("7") int keepDays) {

  public FilesProperties {
    if (keepDays < 1) {
      throw new IllegalArgumentException("peerloop.files.keep-days must be at least 1");
    }
  }
}
