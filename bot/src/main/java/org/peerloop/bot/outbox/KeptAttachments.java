package org.peerloop.bot.outbox;

import java.util.Set;

/**
 * Attachments a feature still needs past {@code peerloop.files.keep-days} (a key message's file
 * while the broadcast may still send it): the cleanup leaves their keys alone.
 */
public interface KeptAttachments {

  Set<String> keys();
}
