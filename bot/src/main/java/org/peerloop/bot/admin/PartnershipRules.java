package org.peerloop.bot.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.peerloop.bot.people.LadderItem;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Tier;

/**
 * What makes a partnership valid, as pure functions from request bodies to the model. Every problem
 * in a body is collected and reported at once ({@link AdminProblem#badRequest(List)}), each naming
 * its field.
 */
final class PartnershipRules {

  static final int MAX_NAME = 120;
  static final int MAX_TEXT = 2000;
  static final int MAX_OBJECTIVES = 20;
  static final int MAX_LADDER = 60;
  static final int MAX_ORGANISATIONS = 20;

  private final List<String> languages;

  /** {@code languages}: what the content catalogue speaks (languages.yaml). */
  PartnershipRules(List<String> languages) {
    this.languages = List.copyOf(languages);
  }

  Partnership create(NewPartnership body, Instant now) {
    if (body == null) {
      throw AdminProblem.badRequest("the body must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    String slug = slug(body.slug(), "slug", problems);
    String name = text(body.name(), "name", MAX_NAME, true, problems);
    String zone = zone(body.timezone(), problems);
    String language = language(body.language(), problems);
    List<Organisation> orgs = organisations(body.organisations(), problems);
    List<String> objectives = objectives(body.objectives(), problems);
    String challenge = text(body.outcomeChallenge(), "outcomeChallenge", MAX_TEXT, false, problems);
    List<LadderItem> ladder =
        body.ladder() == null ? List.of() : ladder(body.ladder(), orgs, "ladder", problems);
    if (!problems.isEmpty()) {
      throw AdminProblem.badRequest(problems);
    }
    return new Partnership(
        slug, name, zone, language, orgs, objectives, blankToNull(challenge), ladder, now);
  }

  /**
   * {@code current} with {@code changes} applied; answers the removed organisations' slugs through
   * {@code removed} so the caller can refuse removing one that still has members.
   */
  Partnership change(Partnership current, PartnershipChanges changes, Set<String> removed) {
    if (changes == null || changes.isEmpty()) {
      throw AdminProblem.badRequest(
          "nothing to change: send one or more of name, timezone, language, organisations,"
              + " objectives, outcomeChallenge");
    }
    List<String> problems = new ArrayList<>();
    String name =
        changes.name() == null
            ? current.name()
            : text(changes.name(), "name", MAX_NAME, true, problems);
    String zone =
        changes.timezone() == null ? current.timezone() : zone(changes.timezone(), problems);
    String language =
        changes.language() == null ? current.language() : language(changes.language(), problems);
    List<Organisation> orgs =
        changes.organisations() == null
            ? current.organisations()
            : organisations(changes.organisations(), problems);
    List<String> objectives =
        changes.objectives() == null
            ? current.objectives()
            : objectives(changes.objectives(), problems);
    String challenge =
        changes.outcomeChallenge() == null
            ? current.outcomeChallenge()
            : blankToNull(
                text(changes.outcomeChallenge(), "outcomeChallenge", MAX_TEXT, false, problems));
    if (!problems.isEmpty()) {
      throw AdminProblem.badRequest(problems);
    }
    Set<String> kept = new HashSet<>();
    orgs.forEach(o -> kept.add(o.slug()));
    current.organisations().stream()
        .map(Organisation::slug)
        .filter(s -> !kept.contains(s))
        .forEach(removed::add);
    return new Partnership(
        current.slug(),
        name,
        zone,
        language,
        orgs,
        objectives,
        challenge,
        current.ladder(),
        current.createdAt());
  }

  /** The items of {@code PUT …/ladder}, checked against the partnership's organisations. */
  List<LadderItem> ladder(List<LadderItemBody> items, List<Organisation> orgs) {
    List<String> problems = new ArrayList<>();
    List<LadderItem> out = ladder(items, orgs, "items", problems);
    if (!problems.isEmpty()) {
      throw AdminProblem.badRequest(problems);
    }
    return out;
  }

  private List<LadderItem> ladder(
      List<LadderItemBody> items, List<Organisation> orgs, String field, List<String> problems) {
    if (items.size() > MAX_LADDER) {
      problems.add(field + " has more than " + MAX_LADDER + " items");
      return List.of();
    }
    Set<String> owners = new HashSet<>();
    orgs.forEach(o -> owners.add(o.slug()));
    owners.add(LadderItem.BOTH);
    Set<String> ids = new HashSet<>();
    List<LadderItem> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = field + "[" + i + "]";
      LadderItemBody item = items.get(i);
      if (item == null) {
        problems.add(at + " must be an object");
        continue;
      }
      int before = problems.size();
      String id = slug(item.id(), at + ".id", problems);
      if (id != null && !ids.add(id)) {
        problems.add(at + ".id \"" + id + "\" is used twice");
      }
      Tier tier = null;
      if (item.tier() == null || item.tier().isBlank()) {
        problems.add(at + ".tier is missing (expect, like or love)");
      } else {
        tier = Tier.parse(item.tier()).orElse(null);
        if (tier == null) {
          problems.add(at + ".tier \"" + item.tier() + "\" must be expect, like or love");
        }
      }
      String text = text(item.text(), at + ".text", MAX_TEXT, true, problems);
      String stakeholders =
          text(item.stakeholders(), at + ".stakeholders", MAX_TEXT, false, problems);
      String owner = item.owner() == null ? "" : item.owner().strip().toLowerCase(Locale.ROOT);
      if (!owners.contains(owner)) {
        problems.add(
            at
                + ".owner must be one of "
                + String.join(", ", orgs.stream().map(Organisation::slug).toList())
                + " or both");
      }
      if (problems.size() == before) {
        out.add(
            new LadderItem(
                id,
                tier,
                text,
                blankToNull(stakeholders),
                owner,
                Boolean.TRUE.equals(item.tracked())));
      }
    }
    return out;
  }

  private static List<Organisation> organisations(
      List<OrganisationBody> bodies, List<String> problems) {
    if (bodies == null || bodies.size() < 2) {
      problems.add("organisations must list two or more organisations");
      return List.of();
    }
    if (bodies.size() > MAX_ORGANISATIONS) {
      problems.add("organisations has more than " + MAX_ORGANISATIONS + " entries");
      return List.of();
    }
    Set<String> slugs = new HashSet<>();
    Set<String> names = new HashSet<>();
    List<Organisation> out = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      String at = "organisations[" + i + "]";
      OrganisationBody o = bodies.get(i);
      if (o == null) {
        problems.add(at + " must be an object");
        continue;
      }
      String slug = slug(o.slug(), at + ".slug", problems);
      String name = text(o.name(), at + ".name", MAX_NAME, true, problems);
      if (LadderItem.BOTH.equals(slug)) {
        problems.add(at + ".slug \"both\" is reserved (a ladder owner meaning every partner)");
      } else if (slug != null && !slugs.add(slug)) {
        problems.add(at + ".slug \"" + slug + "\" is used twice");
      }
      if (name != null && !names.add(name.toLowerCase(Locale.ROOT))) {
        problems.add(at + ".name \"" + name + "\" is used twice");
      }
      if (slug != null && name != null) {
        out.add(new Organisation(slug, name));
      }
    }
    return out;
  }

  private static List<String> objectives(List<String> items, List<String> problems) {
    if (items == null) {
      return List.of();
    }
    if (items.size() > MAX_OBJECTIVES) {
      problems.add("objectives has more than " + MAX_OBJECTIVES + " entries");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String t = text(items.get(i), "objectives[" + i + "]", MAX_TEXT, true, problems);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private static String slug(String value, String field, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is missing");
      return null;
    }
    if (!Partnership.SLUG.matcher(value).matches()) {
      problems.add(
          field
              + " \""
              + value
              + "\" must be 1 to 32 of a-z, 0-9 and -, starting and ending with a letter or digit");
      return null;
    }
    return value;
  }

  private static String zone(String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add("timezone is missing (an IANA time zone such as Africa/Nairobi)");
      return null;
    }
    String v = value.strip();
    if (!ZoneId.getAvailableZoneIds().contains(v)) {
      problems.add(
          "timezone \""
              + value
              + "\" is not a known time zone (use an IANA name such as Africa/Nairobi)");
      return null;
    }
    return v;
  }

  private String language(String value, List<String> problems) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (!languages.contains(v)) {
      problems.add(
          (v.isEmpty() ? "language is missing" : "language \"" + value + "\" is not supported")
              + " (one of "
              + String.join(", ", languages)
              + ")");
      return null;
    }
    return v;
  }

  /** Stripped text without control characters; null (and a problem if required) when blank. */
  static String text(String value, String field, int max, boolean required, List<String> problems) {
    String t = value == null ? "" : clean(value);
    if (max <= MAX_NAME) {
      t = t.replace('\n', ' ').replaceAll(" +", " ").strip(); // names are one line
    }
    if (t.isEmpty()) {
      if (required) {
        problems.add(field + " is missing");
      }
      return required ? null : "";
    }
    if (t.length() > max) {
      problems.add(field + " is longer than " + max + " characters");
      return null;
    }
    return t;
  }

  static String clean(String value) {
    return value.replaceAll("[\\p{Cc}&&[^\\n]]", " ").replaceAll("[ \\t]+", " ").strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
