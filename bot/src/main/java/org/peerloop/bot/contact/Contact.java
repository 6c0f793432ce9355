package org.peerloop.bot.contact;

import java.time.Instant;

/**
 * A person as one channel identity sees them. Until they consent, nothing but this is kept about
 * them: identity, language and where they are in onboarding (the consent state, and the invite code
 * they are joining with). Once they join, {@code memberId} names the member they are.
 */
public record Contact(
    String id,
    String channel,
    String address,
    String language,
    ContactStatus status,
    Consent consent,
    String consentVersion,
    Instant consentAt,
    Instant createdAt,
    String memberId,
    String invite) {

  public static String idOf(String channel, String address) {
    return channel + ":" + address;
  }

  public boolean consented() {
    return consent == Consent.GIVEN;
  }

  public boolean stopped() {
    return status == ContactStatus.STOPPED;
  }
}
