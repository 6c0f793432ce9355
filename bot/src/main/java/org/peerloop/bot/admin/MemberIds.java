package org.peerloop.bot.admin;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.peerloop.bot.store.DuplicateKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The id of an imported member, derived from their phone number or username so that importing the
 * same person twice finds the same member (and a retried import creates nobody twice). A plain hash
 * of a phone number could be reversed by trying every number, and ids are shown on the admin's
 * list, so the id is an HMAC under a random key kept in the store (created once, shared by every
 * instance on the same database).
 */
@Component
class MemberIds {

  static final String COLLECTION = "admin_keys";
  private static final String KEY_ID = "member-ids";

  private final MongoCollection<Document> keys;
  private volatile SecretKeySpec key;

  MemberIds(MongoTemplate mongo) {
    this.keys = mongo.getCollection(COLLECTION);
  }

  /** {@code m-} and 24 hex digits (96 bits). */
  String forHandle(Handles.Handle handle) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      byte[] digest = mac.doFinal(handle.key().getBytes(StandardCharsets.UTF_8));
      return "m-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key = new SecretKeySpec(load(), "HmacSHA256");
        }
        k = key;
      }
    }
    return k;
  }

  /** Reads the key, creating it first if this store has none (insert-once: one key wins). */
  private byte[] load() {
    Document found = keys.find(eq("_id", KEY_ID)).first();
    if (found == null) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      DuplicateKeys.insertOnce(
          () ->
              keys.insertOne(
                  new Document("_id", KEY_ID)
                      .append("key", Base64.getEncoder().encodeToString(fresh))));
      found = keys.find(eq("_id", KEY_ID)).first();
    }
    return Base64.getDecoder().decode(found.getString("key"));
  }
}
