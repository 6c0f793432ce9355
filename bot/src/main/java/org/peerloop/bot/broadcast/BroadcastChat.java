package org.peerloop.bot.broadcast;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.InboundFiles;
import org.peerloop.bot.people.Member;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.texts.BotTexts;
import org.peerloop.content.engine.Button;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.stereotype.Component;

/**
 * {@code /broadcast} and {@code /broadcasts} in a private chat. Choosing the partnership and the
 * audience are taps (buttons that repeat the command with more words); writing the message is the
 * {@code broadcast} flow; its end shows the preview with "send now", "tomorrow 9:00" and "cancel".
 */
@Component
public class BroadcastChat {

  public static final String FLOW = "broadcast";

  /** The audience "everyone in every partnership I lead". */
  static final String EVERYWHERE = "everywhere";

  static final LocalTime TOMORROW_AT = LocalTime.of(9, 0);
  static final int LISTED = 5;

  /** Something to say, with its buttons. */
  public record Said(String text, List<Button> buttons, Attachment attachment) {
    Said(String text) {
      this(text, List.of(), null);
    }

    Said(String text, List<Button> buttons) {
      this(text, buttons, null);
    }
  }

  /** What a {@code /broadcast} command does: say something, or start the flow first. */
  public sealed interface Step {
    record Say(List<Said> said) implements Step {}

    /** Start the flow about {@code partnership}, {@code subject} naming the audience. */
    record Write(String partnership, String subject) implements Step {}
  }

  private final Broadcasts broadcasts;
  private final PartnershipStore partnerships;
  private final Clock clock;
  private final BotTexts texts;

  private static final java.util.regex.Pattern MEDIA =
      java.util.regex.Pattern.compile("[a-z]+-(file|media):\\S+");

  private final List<InboundFiles> files;
  private final Attachments attachments;

  BroadcastChat(
      Broadcasts broadcasts,
      PartnershipStore partnerships,
      Clock clock,
      FlowLibrary flows,
      List<InboundFiles> files,
      Attachments attachments) {
    this.files = files;
    this.attachments = attachments;
    this.broadcasts = broadcasts;
    this.partnerships = partnerships;
    this.clock = clock;
    this.texts = new BotTexts(flows.catalog());
  }

  private String t(String lang, String key) {
    return texts.text(lang, key);
  }

  private String t(String lang, String key, Map<String, String> values) {
    return texts.text(lang, key, values);
  }

  /** The partnerships the person may broadcast to. */
  private List<Partnership> mine(Member m) {
    List<Partnership> out = new ArrayList<>();
    List<String> slugs =
        m.coordinator()
            ? partnerships.all().stream().map(Partnership::slug).toList()
            : m.partnerships();
    for (String slug : slugs) {
      if (Broadcasts.mayBroadcast(m, slug)) {
        partnerships.find(slug).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * {@code /broadcast}, {@code /broadcast SLUG}, {@code /broadcast SLUG AUDIENCE}, {@code
   * /broadcast send|tomorrow|cancel ID}. Null member or one who leads nothing: not for them.
   */
  public Step command(Member m, String lang, String argument) {
    String[] words = argument == null ? new String[0] : argument.strip().split("\\s+");
    if (words.length == 1 && words[0].isEmpty()) {
      words = new String[0];
    }
    if (m == null || !m.leads()) {
      return say(t(lang, "not-available"));
    }
    if (words.length == 2 && List.of("send", "tomorrow", "cancel").contains(words[0])) {
      return act(m, lang, words[0], words[1]);
    }
    List<Partnership> mine = mine(m);
    if (mine.isEmpty()) {
      return say(t(lang, "not-available"));
    }
    if (words.length >= 1 && words[0].equalsIgnoreCase(EVERYWHERE) && mine.size() > 1) {
      return new Step.Write(null, EVERYWHERE);
    }
    Optional<Partnership> about = Optional.empty();
    if (words.length >= 1) {
      String slug = words[0].toLowerCase(Locale.ROOT);
      about = mine.stream().filter(p -> p.slug().equals(slug)).findFirst();
    } else if (mine.size() == 1) {
      about = Optional.of(mine.get(0));
    } else {
      about =
          m.currentPartnership()
              .flatMap(s -> mine.stream().filter(p -> p.slug().equals(s)).findFirst());
    }
    if (about.isEmpty()) {
      List<Button> buttons = new ArrayList<>();
      mine.forEach(p -> buttons.add(new Button(p.name(), "/broadcast " + p.slug())));
      buttons.add(new Button(t(lang, "broadcast-everywhere"), "/broadcast " + EVERYWHERE));
      return new Step.Say(List.of(new Said(t(lang, "broadcast-pick-partnership"), buttons)));
    }
    Partnership p = about.get();
    if (words.length == 2 && audience(p, words[1]).isPresent()) {
      return new Step.Write(p.slug(), words[1]);
    }
    List<Button> buttons = new ArrayList<>();
    buttons.add(new Button(t(lang, "broadcast-everyone"), "/broadcast " + p.slug() + " all"));
    for (var org : p.organisations()) {
      buttons.add(new Button(org.name(), "/broadcast " + p.slug() + " org:" + org.slug()));
    }
    buttons.add(new Button(t(lang, "broadcast-peers"), "/broadcast " + p.slug() + " role:peer"));
    buttons.add(
        new Button(t(lang, "broadcast-leads"), "/broadcast " + p.slug() + " role:facilitator"));
    return new Step.Say(List.of(new Said(t(lang, "broadcast-audience"), buttons)));
  }

  /** Reads an audience word: {@code all}, {@code org:SLUG}, {@code role:ROLE}. */
  static Optional<Audience> audience(Partnership p, String word) {
    String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
    if (w.equals("all")) {
      return Optional.of(Audience.EVERYONE);
    }
    if (w.startsWith("org:") && p.organisation(w.substring(4)).isPresent()) {
      return Optional.of(new Audience(w.substring(4), null));
    }
    if (w.startsWith("role:")) {
      return Role.parse(w.substring(5)).map(r -> new Audience(null, r));
    }
    return Optional.empty();
  }

  /**
   * The flow ended with the words (and maybe a link): the draft is stored under {@code draftId}
   * (one per run, so a replayed step makes no second draft) and shown with its choices.
   */
  public List<Said> written(
      Member m,
      String lang,
      String partnership,
      String subject,
      Map<String, String> answers,
      String draftId) {
    if (m == null || !m.leads()) {
      return List.of(new Said(t(lang, "not-available")));
    }
    // One partnership, or every one the person leads ("everywhere": one draft each, sent as one).
    List<Partnership> about;
    Audience audience;
    if (EVERYWHERE.equals(subject)) {
      about = mine(m);
      audience = Audience.EVERYONE;
    } else {
      Optional<Partnership> p = partnerships.find(partnership);
      if (p.isEmpty() || !Broadcasts.mayBroadcast(m, partnership)) {
        return List.of(new Said(t(lang, "not-available")));
      }
      Optional<Audience> a = audience(p.get(), subject);
      if (a.isEmpty()) {
        return List.of(new Said(t(lang, "broadcast-no-organisation")));
      }
      about = List.of(p.get());
      audience = a.get();
    }
    // The words first: a file is not fetched for a message that will be refused anyway.
    List<BroadcastRules.Problem> wrong =
        BroadcastRules.check(answers.get("message"), answers.get("link"));
    if (!wrong.isEmpty()) {
      return wrong.stream().map(x -> new Said(t(lang, x.key(), x.values()))).toList();
    }
    Attachment file = null;
    String reference = answers.get("file");
    if (reference != null && MEDIA.matcher(reference.strip()).matches()) {
      // A replayed step finds the file fetched the first time, on any draft of the batch.
      file =
          broadcasts.withBatch(draftId).stream()
              .map(Broadcast::attachment)
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(null);
      if (file == null) {
        Optional<InboundFiles.File> fetched = fetch(reference.strip());
        if (fetched.isEmpty()) {
          return List.of(new Said(t(lang, "broadcast-file-failed")));
        }
        InboundFiles.File f = fetched.get();
        boolean toWhatsApp =
            about.stream().anyMatch(p -> broadcasts.channels(p, audience).contains("whatsapp"));
        if (toWhatsApp && !FileRules.whatsAppCarries(f.mediaType(), f.content().length)) {
          return List.of(new Said(t(lang, "broadcast-file-whatsapp")));
        }
        try {
          file = attachments.put("broadcast:" + draftId, f.name(), f.mediaType(), f.content());
        } catch (IllegalArgumentException e) {
          return List.of(new Said(t(lang, "broadcast-file-failed"))); // over 45 MB
        }
      }
    }
    List<Drafted.Draft> drafts = new ArrayList<>();
    List<Said> refusals = new ArrayList<>();
    for (int k = 0; k < about.size(); k++) {
      Partnership p = about.get(k);
      String id = k == 0 ? draftId : draftId + "-" + (k + 1);
      Optional<Broadcast> earlier = broadcasts.find(id);
      Drafted d =
          earlier.isPresent()
              ? new Drafted.Draft(earlier.get(), broadcasts.preview(earlier.get(), p))
              : broadcasts.draft(
                  id,
                  about.size() > 1 ? draftId : null,
                  p,
                  audience,
                  answers.get("message"),
                  answers.get("link"),
                  file,
                  null,
                  m,
                  lang);
      if (d instanceof Drafted.Refused r) {
        String prefix = about.size() > 1 ? p.name() + ": " : "";
        r.problems().forEach(x -> refusals.add(new Said(prefix + t(lang, x.key(), x.values()))));
      } else {
        drafts.add((Drafted.Draft) d);
      }
    }
    if (drafts.isEmpty()) {
      return refusals;
    }
    List<Said> out = new ArrayList<>();
    out.add(new Said(t(lang, "broadcast-preview")));
    // The preview as it goes: with the file, when there is one.
    out.add(
        new Said(
            drafts.get(0).preview().text(), List.of(), drafts.get(0).broadcast().attachment()));
    StringBuilder reach = new StringBuilder();
    for (Drafted.Draft draft : drafts) {
      if (!reach.isEmpty()) {
        reach.append("\n\n");
      }
      if (about.size() > 1) {
        reach.append(
            partnerships.find(draft.broadcast().partnership()).map(Partnership::name).orElse("")
                + ":\n");
      }
      reach.append(reachOf(lang, draft.preview()));
    }
    refusals.forEach(r -> out.add(r));
    String id = about.size() > 1 ? draftId : drafts.get(0).broadcast().id();
    out.add(
        new Said(
            reach.toString(),
            List.of(
                new Button(t(lang, "broadcast-send-now"), "/broadcast send " + id),
                new Button(t(lang, "broadcast-send-tomorrow"), "/broadcast tomorrow " + id),
                new Button(t(lang, "broadcast-cancel-button"), "/broadcast cancel " + id))));
    return out;
  }

  /** The file a facilitator sent, from the channel they sent it on. */
  private Optional<InboundFiles.File> fetch(String reference) {
    for (InboundFiles source : files) {
      if (source.handles(reference)) {
        return source.fetch(reference);
      }
    }
    return Optional.empty();
  }

  private String reachOf(String lang, Preview preview) {
    StringBuilder reach = new StringBuilder();
    reach.append(
        t(
            lang,
            "broadcast-reach",
            Map.of("count", number(preview.sending()), "channels", channels(preview.channels()))));
    if (preview.skippedTotal() > 0) {
      List<String> reasons = new ArrayList<>();
      preview
          .skipped()
          .forEach(
              (reason, n) ->
                  reasons.add(t(lang, "broadcast-skip-" + reason, Map.of("count", number(n)))));
      reach
          .append('\n')
          .append(
              t(
                  lang,
                  "broadcast-reach-skipped",
                  Map.of(
                      "count", number(preview.skippedTotal()),
                      "reasons", String.join(", ", reasons))));
    }
    if (preview.group() != null) {
      reach.append('\n').append(t(lang, "broadcast-reach-group"));
    }
    if (preview.file() != null) {
      reach.append('\n').append(t(lang, "broadcast-reach-file", Map.of("name", preview.file())));
    }
    return reach.toString();
  }

  /** Send, schedule or cancel one draft, or every draft of a batch ("everywhere"). */
  private Step act(Member m, String lang, String verb, String id) {
    List<Broadcast> found =
        broadcasts.withBatch(id).stream()
            .filter(b -> Broadcasts.mayBroadcast(m, b.partnership()))
            .toList();
    if (found.isEmpty()) {
      return say(t(lang, "broadcast-unknown"));
    }
    List<Said> said = new ArrayList<>();
    for (Broadcast b : found) {
      String line = actOne(lang, verb, b);
      String prefix =
          found.size() > 1
              ? partnerships.find(b.partnership()).map(Partnership::name).orElse("") + ": "
              : "";
      said.add(new Said(prefix + line));
    }
    return new Step.Say(said);
  }

  private String actOne(String lang, String verb, Broadcast b) {
    if (verb.equals("cancel")) {
      if (broadcasts.cancel(b)) {
        return t(lang, "broadcast-cancelled");
      }
      return t(lang, "broadcast-not-cancellable", Map.of("state", state(lang, b.state().value())));
    }
    if (verb.equals("tomorrow") && b.state() == BroadcastState.DRAFT) {
      LocalDate tomorrow = clock.instant().atZone(ZoneId.of(zoneOf(b))).toLocalDate().plusDays(1);
      Optional<String> refused =
          broadcasts.schedule(b, new SendAt.Local(tomorrow.atTime(TOMORROW_AT)));
      if (refused.isPresent()) {
        return t(lang, refused.get());
      }
      b = broadcasts.find(b.id()).orElseThrow();
    }
    Broadcasts.Confirmed c = broadcasts.confirm(b);
    return switch (c) {
      case CANCELLED -> t(lang, "broadcast-cancelled");
      case ALREADY -> t(lang, "broadcast-already");
      case STARTED -> {
        Preview p = broadcasts.preview(b, partnerships.find(b.partnership()).orElseThrow());
        Map<String, String> v = Map.of("count", number(p.sending()));
        yield t(lang, b.sendAt() == null ? "broadcast-sending" : "broadcast-scheduled", v);
      }
    };
  }

  private String zoneOf(Broadcast b) {
    return partnerships.find(b.partnership()).map(Partnership::timezone).orElse("UTC");
  }

  /** {@code /broadcasts}: the latest few per partnership, or {@code /broadcasts ID} in detail. */
  public List<Said> list(Member m, String lang, String argument) {
    if (m == null || !m.leads()) {
      return List.of(new Said(t(lang, "not-available")));
    }
    String arg = argument == null ? "" : argument.strip();
    if (!arg.isEmpty()) {
      Optional<Broadcast> b =
          broadcasts.find(arg).filter(x -> Broadcasts.mayBroadcast(m, x.partnership()));
      return b.isEmpty()
          ? List.of(new Said(t(lang, "broadcast-unknown")))
          : List.of(detail(lang, broadcasts.report(arg)));
    }
    List<Said> out = new ArrayList<>();
    for (Partnership p : mine(m)) {
      List<Report> recent = broadcasts.recent(p.slug(), LISTED);
      if (recent.isEmpty()) {
        out.add(new Said(t(lang, "broadcast-none", Map.of("partnership", p.name()))));
        continue;
      }
      StringBuilder b =
          new StringBuilder(t(lang, "broadcast-list-head", Map.of("partnership", p.name())));
      List<Button> buttons = new ArrayList<>();
      for (Report r : recent) {
        b.append('\n').append(line(lang, r, p));
        if (r.state().equals("sending") || r.state().equals("scheduled")) {
          buttons.add(
              new Button(
                  t(lang, "broadcast-cancel-button") + " " + start(r.text(), 20),
                  "/broadcast cancel " + r.id()));
        }
      }
      out.add(new Said(b.toString(), buttons));
    }
    return out;
  }

  private String line(String lang, Report r, Partnership p) {
    Map<String, String> v = new HashMap<>(figures(r.counts()));
    v.put(
        "date",
        DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.forLanguageTag(lang))
            .format(r.createdAt().atZone(p.zone())));
    v.put("state", state(lang, r.state()));
    v.put("settled", number(r.settled()));
    v.put("recipients", number(r.recipients()));
    v.put("start", start(r.text(), 60));
    return t(lang, "broadcast-line", v);
  }

  private Said detail(String lang, Report r) {
    Partnership p = partnerships.find(r.partnership()).orElseThrow();
    StringBuilder b = new StringBuilder(line(lang, r, p));
    r.byChannel()
        .forEach(
            (ch, counts) -> {
              Map<String, String> v = new HashMap<>(figures(counts));
              v.put("channel", channelName(ch));
              b.append('\n').append(t(lang, "broadcast-detail-channel", v));
            });
    r.byOrganisation()
        .forEach(
            (org, counts) -> {
              Map<String, String> v = new HashMap<>(figures(counts));
              v.put("organisation", p.organisation(org).map(o -> o.name()).orElse(org));
              b.append('\n').append(t(lang, "broadcast-detail-organisation", v));
            });
    r.reasons()
        .forEach(
            (state, byReason) ->
                byReason.forEach(
                    (reason, n) ->
                        b.append('\n')
                            .append(
                                t(
                                    lang,
                                    "broadcast-detail-reason",
                                    Map.of(
                                        "state", state,
                                        "reason", reason,
                                        "count", number(n))))));
    if (r.counts().getOrDefault(Recipient.UNKNOWN, 0) > 0) {
      b.append("\n\n").append(t(lang, "broadcast-unknown-explained"));
    }
    return new Said(b.toString());
  }

  private static Map<String, String> figures(Map<String, Integer> counts) {
    Map<String, String> v = new HashMap<>();
    counts.forEach((k, n) -> v.put(k, number(n)));
    return v;
  }

  private String state(String lang, String state) {
    return t(lang, "broadcast-state-" + state);
  }

  private static String channels(Map<String, Integer> channels) {
    List<String> parts = new ArrayList<>();
    channels.forEach((ch, n) -> parts.add(channelName(ch) + " " + number(n)));
    return String.join(", ", parts);
  }

  static String channelName(String channel) {
    return switch (channel) {
      case "telegram" -> "Telegram";
      case "whatsapp" -> "WhatsApp";
      case "web" -> "web";
      default -> channel;
    };
  }

  private static String start(String text, int max) {
    String t = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "…";
  }

  static String number(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static Step say(String text) {
    return new Step.Say(List.of(new Said(text)));
  }
}
