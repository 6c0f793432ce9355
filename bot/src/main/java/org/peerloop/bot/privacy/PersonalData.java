package org.peerloop.bot.privacy;

import java.util.List;
import org.bson.Document;

/**
 * Implemented by every feature that keeps something about a person, so that /mydata shows all of it
 * and /forget erases all of it: a new feature that stores personal data adds a bean of this type,
 * and the privacy test reads the whole store after /forget to prove nothing was missed.
 */
public interface PersonalData {

  /** The section's name in the person's export, e.g. {@code contacts}. */
  String section();

  /** Everything this feature keeps about the subject, as stored. */
  List<Document> export(Subject subject);

  /** Deletes (or de-identifies, where others' records depend on it) what it keeps. */
  void erase(Subject subject);
}
