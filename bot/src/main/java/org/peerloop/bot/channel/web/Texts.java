package org.peerloop.bot.channel.web;

/** Makes what a person typed safe to keep and show, without changing what they meant. */
final class Texts {

  private Texts() {}

  /** Drops control characters (keeping line breaks and tabs) and unpaired surrogates. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        continue;
      } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
