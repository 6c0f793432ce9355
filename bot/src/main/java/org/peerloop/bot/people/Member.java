package org.peerloop.bot.people;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person in the programme: one organisation, a role in each of their partnerships, the chat
 * identities they use ({@code contacts}: ids such as {@code telegram:123}), and what they agreed
 * to. {@code invitedAs} is the phone number or Telegram username an import gave, kept only until
 * the person joins.
 */
public record Member(
    String id,
    String name,
    String language,
    String timezone,
    MemberStatus status,
    List<Membership> memberships,
    boolean coordinator,
    List<String> contacts,
    String invitedAs,
    String consentVersion,
    Instant consentAt,
    String defaultPartnership,
    Instant createdAt) {

  public Member {
    memberships = List.copyOf(memberships);
    contacts = List.copyOf(contacts);
  }

  public Optional<Membership> in(String partnership) {
    return memberships.stream().filter(m -> m.partnership().equals(partnership)).findFirst();
  }

  public boolean hasRole(Role role) {
    return memberships.stream().anyMatch(m -> m.role() == role);
  }

  /** True when the person looks after at least one partnership, or the whole programme. */
  public boolean leads() {
    return coordinator || memberships.stream().anyMatch(m -> m.role().leads());
  }

  public List<String> partnerships() {
    return memberships.stream().map(Membership::partnership).toList();
  }

  /**
   * The partnership a message is about when the person did not say: their only one, or the default
   * they chose; empty when they must be asked.
   */
  public Optional<String> currentPartnership() {
    if (memberships.size() == 1) {
      return Optional.of(memberships.get(0).partnership());
    }
    if (defaultPartnership != null && in(defaultPartnership).isPresent()) {
      return Optional.of(defaultPartnership);
    }
    return Optional.empty();
  }

  public Member withStatus(MemberStatus next) {
    return new Member(
        id,
        name,
        language,
        timezone,
        status.to(next),
        memberships,
        coordinator,
        contacts,
        invitedAs,
        consentVersion,
        consentAt,
        defaultPartnership,
        createdAt);
  }

  public Member withLanguage(String value) {
    return new Member(
        id,
        name,
        value,
        timezone,
        status,
        memberships,
        coordinator,
        contacts,
        invitedAs,
        consentVersion,
        consentAt,
        defaultPartnership,
        createdAt);
  }

  public Member withTimezone(String value) {
    return new Member(
        id,
        name,
        language,
        value,
        status,
        memberships,
        coordinator,
        contacts,
        invitedAs,
        consentVersion,
        consentAt,
        defaultPartnership,
        createdAt);
  }

  public Member withDefaultPartnership(String value) {
    return new Member(
        id,
        name,
        language,
        timezone,
        status,
        memberships,
        coordinator,
        contacts,
        invitedAs,
        consentVersion,
        consentAt,
        value,
        createdAt);
  }

  /** Adds (or replaces) the place in {@code m.partnership()}. */
  public Member withMembership(Membership m) {
    List<Membership> next = new java.util.ArrayList<>(memberships);
    next.removeIf(x -> x.partnership().equals(m.partnership()));
    next.add(m);
    return new Member(
        id,
        name,
        language,
        timezone,
        status,
        next,
        coordinator,
        contacts,
        invitedAs,
        consentVersion,
        consentAt,
        defaultPartnership,
        createdAt);
  }

  public Member withContact(String contactId) {
    List<String> next = new java.util.ArrayList<>(contacts);
    if (!next.contains(contactId)) {
      next.add(contactId);
    }
    return new Member(
        id,
        name,
        language,
        timezone,
        status,
        memberships,
        coordinator,
        next,
        invitedAs,
        consentVersion,
        consentAt,
        defaultPartnership,
        createdAt);
  }

  /** The person joined: their own name and choices, their consent, and no import leftovers. */
  public Member joined(
      String ownName, String lang, String zone, String version, Instant at, String contactId) {
    Member m =
        new Member(
            id,
            ownName,
            lang,
            zone,
            status == MemberStatus.ACTIVE ? status : status.to(MemberStatus.ACTIVE),
            memberships,
            coordinator,
            contacts,
            null,
            version,
            at,
            defaultPartnership,
            createdAt);
    return m.withContact(contactId);
  }
}
