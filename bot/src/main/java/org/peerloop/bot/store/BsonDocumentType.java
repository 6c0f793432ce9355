package org.peerloop.bot.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Stores documents in the MVStore as BSON (mongo-java-server's own wire encoder) instead of Java
 * serialisation. Profiling the inbound path showed Java serialisation as the largest single cost of
 * the embedded store — every commit re-serialises each page it touched, descriptors and all — and
 * BSON is both faster and smaller. Values written before (Java-serialised, read through H2's own
 * type, whose tags never reach {@link #MARKER}) are still read, so an existing data directory keeps
 * working and is rewritten as BSON page by page.
 */
final class BsonDocumentType extends BasicDataType<Document> {

  static final BsonDocumentType INSTANCE = new BsonDocumentType();
  static final byte MARKER = (byte) 0xB5;

  private final ObjectDataType legacy = new ObjectDataType();

  private BsonDocumentType() {}

  @Override
  public int getMemory(Document doc) {
    return estimate(doc);
  }

  @Override
  public void write(WriteBuffer buff, Document doc) {
    ByteBuf bson = Unpooled.buffer(256);
    try {
      BsonEncoder.encodeDocument(doc, bson);
      int length = bson.readableBytes();
      buff.put(MARKER).putVarInt(length);
      buff.put(bson.nioBuffer());
    } finally {
      bson.release();
    }
  }

  @Override
  public Document read(ByteBuffer buff) {
    if (buff.get(buff.position()) != MARKER) {
      return (Document) legacy.read(buff);
    }
    buff.get();
    int length = DataUtils.readVarInt(buff);
    ByteBuffer slice = buff.slice();
    slice.limit(length);
    buff.position(buff.position() + length);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }

  /** A rough in-memory size for the page cache's accounting; cheap, no encoding. */
  private static int estimate(Object value) {
    if (value instanceof Map<?, ?> map) {
      int size = 64;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        size += 48 + 2 * String.valueOf(e.getKey()).length() + estimate(e.getValue());
      }
      return size;
    }
    if (value instanceof Collection<?> list) {
      int size = 32;
      for (Object o : list) {
        size += 8 + estimate(o);
      }
      return size;
    }
    if (value instanceof CharSequence s) {
      return 40 + 2 * s.length();
    }
    return 24;
  }
}
