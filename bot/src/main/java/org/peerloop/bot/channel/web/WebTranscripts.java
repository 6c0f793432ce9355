package org.peerloop.bot.channel.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.content.engine.Button;
import org.springframework.stereotype.Component;

/**
 * What the simulator page shows: per user, the last messages both ways, numbered, and the
 * long-polls waiting for the next one. Kept in memory — the simulator is a window on the
 * conversation; the conversation itself (session, answers, outbox) is in the store.
 */
@Component
class WebTranscripts {

  static final int KEPT = 500;
  private static final int REMEMBERED_IDS = 200;

  /** {@code file} is an attachment the bot sent with the text, else null. */
  record Message(long seq, String from, String text, List<Button> buttons, Attachment file) {}

  private static final class Transcript {
    final Deque<Message> messages = new ArrayDeque<>();
    final Set<String> clientIds = new LinkedHashSet<>();
    final List<Consumer<List<Message>>> waiters = new ArrayList<>();
    long seq;
  }

  static final int PEOPLE_KEPT = 10_000;

  // The least recently used transcripts go first, so a stream of made-up names cannot grow
  // memory without bound.
  private final Map<String, Transcript> transcripts =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Transcript> eldest) {
              return size() > PEOPLE_KEPT;
            }
          });

  /** Adds the person's message unless its client id was seen; answers false for a repeat. */
  boolean fromUser(String user, String clientId, String text) {
    Transcript t = transcript(user);
    synchronized (t) {
      if (clientId != null) {
        if (!t.clientIds.add(clientId)) {
          return false;
        }
        if (t.clientIds.size() > REMEMBERED_IDS) {
          t.clientIds.remove(t.clientIds.iterator().next());
        }
      }
    }
    append(t, "user", text, List.of(), null);
    return true;
  }

  void fromBot(String user, String text, List<Button> buttons) {
    fromBot(user, text, buttons, null);
  }

  void fromBot(String user, String text, List<Button> buttons, Attachment file) {
    append(transcript(user), "bot", text, buttons, file);
  }

  /**
   * The attachment with this id among the messages the person's transcript still holds: a file is
   * served only to the person it was sent to, and only while the page could show it.
   */
  Optional<Attachment> file(String user, String id) {
    Transcript t = transcripts.get(user);
    if (t == null) {
      return Optional.empty();
    }
    synchronized (t) {
      for (Message m : t.messages) {
        if (m.file() != null && m.file().id().equals(id)) {
          return Optional.of(m.file());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The label of a button recently offered with this payload, to show a tap as the person saw it.
   */
  String labelOf(String user, String payload) {
    Transcript t = transcript(user);
    synchronized (t) {
      var it = t.messages.descendingIterator();
      while (it.hasNext()) {
        for (Button b : it.next().buttons()) {
          if (b.payload().equals(payload)) {
            return b.label();
          }
        }
      }
    }
    return payload;
  }

  /**
   * Messages after {@code seq}. When there are none and {@code waiter} is given, it is called once
   * with the next message (cancel it with {@link #cancel} when the long-poll ends first).
   */
  List<Message> after(String user, long seq, Consumer<List<Message>> waiter) {
    Transcript t = transcript(user);
    synchronized (t) {
      List<Message> newer = t.messages.stream().filter(m -> m.seq() > seq).toList();
      if (newer.isEmpty() && waiter != null) {
        t.waiters.add(waiter);
      }
      return newer;
    }
  }

  void cancel(String user, Consumer<List<Message>> waiter) {
    Transcript t = transcript(user);
    synchronized (t) {
      t.waiters.remove(waiter);
    }
  }

  private void append(
      Transcript t, String from, String text, List<Button> buttons, Attachment file) {
    List<Consumer<List<Message>>> wake;
    Message m;
    synchronized (t) {
      m = new Message(++t.seq, from, text, buttons, file);
      t.messages.addLast(m);
      if (t.messages.size() > KEPT) {
        t.messages.removeFirst();
      }
      wake = List.copyOf(t.waiters);
      t.waiters.clear();
    }
    wake.forEach(w -> w.accept(List.of(m)));
  }

  /** Clears what the page shows of this person; the numbering goes on, so an open page resumes. */
  void forget(String user) {
    Transcript t = transcripts.get(user);
    if (t != null) {
      synchronized (t) {
        t.messages.clear();
        t.clientIds.clear();
      }
    }
  }

  List<Message> all(String user) {
    Transcript t = transcripts.get(user);
    if (t == null) {
      return List.of();
    }
    synchronized (t) {
      return List.copyOf(t.messages);
    }
  }

  private Transcript transcript(String user) {
    return transcripts.computeIfAbsent(user, u -> new Transcript());
  }
}
