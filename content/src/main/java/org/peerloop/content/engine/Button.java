package org.peerloop.content.engine;

/**
 * A reply button: what the person sees and what comes back when tapped. The payload names the flow
 * and step ({@code checkin.progress:7}) so a tap on an old question is recognised as stale.
 */
public record Button(String label, String payload) {}
