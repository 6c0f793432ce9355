package org.peerloop.bot.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Unique-index keys in a natural order, stored as BSON. The stock backend keys its index maps on
 * {@code KeyValue}, which is not {@code Comparable}, so H2 compared two keys by Java-serialising
 * both — at every step of every index lookup. This orders them value by value with
 * mongo-java-server's own {@link ValueComparator} (MongoDB's order), and writes them as BSON,
 * falling back to Java serialisation for a value BSON cannot hold (such as a missing field).
 *
 * <p>The order differs from the stock one, so an index map written by the stock backend must never
 * be opened with this type: see {@link BsonH2Backend}'s format check.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

  static final KeyValueType INSTANCE = new KeyValueType();
  private static final byte BSON = (byte) 0xB6;
  private static final byte SERIALIZED = (byte) 0xB7;
  private static final ValueComparator ORDER = ValueComparator.asc();

  private final ObjectDataType java = new ObjectDataType();

  private KeyValueType() {}

  @Override
  public int compare(KeyValue a, KeyValue b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = ORDER.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public int getMemory(KeyValue key) {
    return 48 + 32 * key.size();
  }

  /**
   * Writes the key as BSON when BSON gives back exactly the same key (a missing field, for one,
   * would come back as null), else Java-serialised.
   */
  @Override
  public void write(WriteBuffer buff, KeyValue key) {
    ByteBuf bson = Unpooled.buffer(64);
    try {
      List<Object> values = new ArrayList<>(key.size());
      key.forEach(values::add);
      BsonEncoder.encodeDocument(new Document("v", values), bson);
      if (decode(bson.duplicate()).equals(key)) {
        buff.put(BSON).putVarInt(bson.readableBytes()).put(bson.nioBuffer());
        return;
      }
    } catch (RuntimeException notBson) {
      // falls through to Java serialisation
    } finally {
      bson.release();
    }
    buff.put(SERIALIZED);
    java.write(buff, key);
  }

  private static KeyValue decode(ByteBuf bson) {
    return new KeyValue((List<?>) BsonDecoder.decodeBson(bson).get("v"));
  }

  @Override
  public KeyValue read(ByteBuffer buff) {
    byte tag = buff.get();
    if (tag == SERIALIZED) {
      return (KeyValue) java.read(buff);
    }
    if (tag != BSON) {
      throw new IllegalStateException("not a PeerLoop index key (tag " + tag + ")");
    }
    int length = DataUtils.readVarInt(buff);
    ByteBuffer slice = buff.slice();
    slice.limit(length);
    buff.position(buff.position() + length);
    return decode(Unpooled.wrappedBuffer(slice));
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}
