package org.peerloop.bot.store;

/** Small edits to MongoDB connection strings that the driver's parser cannot make for us. */
final class MongoUris {

  private MongoUris() {}

  /** Adds {@code database} as the URI's database when it names none. */
  static String withDefaultDatabase(String uri, String database) {
    int scheme = uri.indexOf("://");
    int query = uri.indexOf('?', scheme + 3);
    int hostsEnd = query < 0 ? uri.length() : query;
    int slash = uri.indexOf('/', scheme + 3);
    if (slash < 0 || slash > hostsEnd) {
      return uri.substring(0, hostsEnd) + "/" + database + uri.substring(hostsEnd);
    }
    if (slash == hostsEnd - 1) {
      return uri.substring(0, slash + 1) + database + uri.substring(hostsEnd);
    }
    return uri;
  }
}
