package org.peerloop.bot.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Duplicate keys are how replay-safe writes say "already done": an expected outcome, answered
 * quietly, never logged as an error.
 */
public final class DuplicateKeys {

  private DuplicateKeys() {}

  public static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DuplicateKeyException) {
        return true;
      }
      if (t instanceof MongoWriteException w
          && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return true;
      }
      if (t instanceof MongoServerException s
          && ErrorCategory.fromErrorCode(s.getCode()) == ErrorCategory.DUPLICATE_KEY) {
        return true;
      }
    }
    return false;
  }

  /**
   * Inserts {@code insert} and answers true, or answers false when a document with the same unique
   * key is already there (a replay).
   */
  public static boolean insertOnce(Runnable insert) {
    try {
      insert.run();
      return true;
    } catch (RuntimeException e) {
      if (isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }
}
