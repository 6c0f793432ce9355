package org.peerloop.bot.privacy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Service;

/** A person's rights over their data: a copy of everything (/mydata) and erasure (/forget). */
@Service
public class Privacy {

  private static final JsonWriterSettings JSON =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build();

  private final List<PersonalData> parts;

  Privacy(List<PersonalData> parts) {
    this.parts = List.copyOf(parts);
  }

  /** Everything kept about the subject, as one JSON document, section by section. */
  public String export(Subject subject, Instant at) {
    Map<String, Object> sections = new LinkedHashMap<>();
    for (PersonalData p : parts) {
      sections.put(p.section(), p.export(subject));
    }
    Document out =
        new Document("exportedAt", at.toString())
            .append(
                "note",
                "Partnership-health ratings are stored without any link to a person, so they"
                    + " cannot be found for you and are not in this file.")
            .append("data", new Document(sections));
    return out.toJson(JSON);
  }

  /** Erases everything; each part is idempotent, so a repeated request is harmless. */
  public void erase(Subject subject) {
    for (PersonalData p : parts) {
      p.erase(subject);
    }
  }
}
