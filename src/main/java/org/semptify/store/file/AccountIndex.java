package org.semptify.store.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What lookups in users.json need, and nothing else: each entry's token hash (32 bytes), its id
 * (ASCII, at most 64 bytes) and where the entry lies in the file (offset and length), in flat
 * arrays, with two open-addressed tables (by hash, by id) of entry numbers. About 90 bytes per
 * account, where parsed accounts in hash maps took several hundred.
 *
 * <p>An index never changes for its readers: {@link #appended} may write into the arrays past
 * {@link #count} and into empty table slots, which a reader of this index skips (entry numbers at
 * or beyond its count are not its own), and returns a new index that sees them.
 */
final class AccountIndex {
  static final int HASH_BYTES = 32;
  private static final int ID_MAX = 64;

  final int count;
  private final int capacity;
  private final byte[] hashes;
  private final long[] starts;
  private final int[] lengths;
  private final byte[] ids;
  private final int[] idAt;
  private final byte[] idLength;
  private final int idsUsed;
  private final int[] byHash;
  private final int[] byId;

  private AccountIndex(
      int count,
      int capacity,
      byte[] hashes,
      long[] starts,
      int[] lengths,
      byte[] ids,
      int[] idAt,
      byte[] idLength,
      int idsUsed,
      int[] byHash,
      int[] byId) {
    this.count = count;
    this.capacity = capacity;
    this.hashes = hashes;
    this.starts = starts;
    this.lengths = lengths;
    this.ids = ids;
    this.idAt = idAt;
    this.idLength = idLength;
    this.idsUsed = idsUsed;
    this.byHash = byHash;
    this.byId = byId;
  }

  static AccountIndex empty() {
    return new Builder(0).build();
  }

  long start(int entry) {
    return starts[entry];
  }

  int length(int entry) {
    return lengths[entry];
  }

  long end(int entry) {
    return starts[entry] + lengths[entry];
  }

  String id(int entry) {
    return new String(ids, idAt[entry], idLength[entry], StandardCharsets.US_ASCII);
  }

  boolean hashEquals(int entry, byte[] hash) {
    return sameHash(hashes, entry * HASH_BYTES, hash, 0);
  }

  byte[] hash(int entry) {
    return Arrays.copyOfRange(hashes, entry * HASH_BYTES, (entry + 1) * HASH_BYTES);
  }

  /** The entry whose token hash is {@code hash} (the last such one), or -1. */
  int findHash(byte[] hash) {
    int mask = byHash.length - 1;
    for (int slot = hashOf(hash) & mask; ; slot = (slot + 1) & mask) {
      int entry = byHash[slot] - 1;
      if (entry < 0) {
        return -1;
      }
      if (entry < count && hashEquals(entry, hash)) {
        return entry;
      }
    }
  }

  /** The entry with id {@code id}, or -1. */
  int findId(String id) {
    byte[] key = idBytes(id);
    return key.length == 0 ? -1 : findId(key);
  }

  private int findId(byte[] key) {
    int mask = byId.length - 1;
    for (int slot = idCode(key) & mask; ; slot = (slot + 1) & mask) {
      int entry = byId[slot] - 1;
      if (entry < 0) {
        return -1;
      }
      if (entry < count && idEquals(entry, key)) {
        return entry;
      }
    }
  }

  private boolean idEquals(int entry, byte[] key) {
    return idLength[entry] == key.length
        && Arrays.equals(ids, idAt[entry], idAt[entry] + key.length, key, 0, key.length);
  }

  /**
   * This index with entries added at the end. Writes past {@link #count} in place when there is
   * room (readers of this index do not see them), else copies into larger arrays. Returns null when
   * an id is there already (nothing is changed then).
   */
  AccountIndex appended(byte[][] newHashes, String[] newIds, long[] newStarts, int[] newLengths) {
    int added = newIds.length;
    int newIdBytes = 0;
    boolean sameHash = false;
    for (int i = 0; i < added; i++) {
      byte[] key = idBytes(newIds[i]);
      if (key.length == 0 || findId(key) >= 0) {
        return null;
      }
      newIdBytes += key.length;
      sameHash |= findHash(newHashes[i]) >= 0;
      for (int j = 0; j < i; j++) {
        sameHash |= sameHash(newHashes[i], 0, newHashes[j], 0);
      }
    }
    // A hash that is there already must take over its table slot (the later entry wins), which
    // readers of this index would see: copy then.
    if (sameHash || count + added > capacity || idsUsed + newIdBytes > ids.length) {
      Builder builder = new Builder(count + added);
      for (int i = 0; i < count; i++) {
        builder.add(hashes, i * HASH_BYTES, ids, idAt[i], idLength[i], starts[i], lengths[i]);
      }
      for (int i = 0; i < added; i++) {
        byte[] key = idBytes(newIds[i]);
        if (!builder.add(newHashes[i], 0, key, 0, key.length, newStarts[i], newLengths[i])) {
          return null;
        }
      }
      return builder.build();
    }
    int used = idsUsed;
    for (int i = 0; i < added; i++) {
      int entry = count + i;
      byte[] key = idBytes(newIds[i]);
      if (findIdUpTo(key, entry) >= 0) {
        return null; // twice in the batch
      }
      System.arraycopy(newHashes[i], 0, hashes, entry * HASH_BYTES, HASH_BYTES);
      System.arraycopy(key, 0, ids, used, key.length);
      idAt[entry] = used;
      idLength[entry] = (byte) key.length;
      used += key.length;
      starts[entry] = newStarts[i];
      lengths[entry] = newLengths[i];
      insert(byHash, hashOf(newHashes[i]), entry);
      insert(byId, idCode(key), entry);
    }
    return new AccountIndex(
        count + added, capacity, hashes, starts, lengths, ids, idAt, idLength, used, byHash, byId);
  }

  private int findIdUpTo(byte[] key, int limit) {
    int mask = byId.length - 1;
    for (int slot = idCode(key) & mask; ; slot = (slot + 1) & mask) {
      int entry = byId[slot] - 1;
      if (entry < 0) {
        return -1;
      }
      if (entry < limit && idEquals(entry, key)) {
        return entry;
      }
    }
  }

  /**
   * A new index in which entry {@code replaced} (or none: -1) has another hash, id and length and
   * entry {@code removed} (or none) is gone; the entries after either move by {@code shift} bytes.
   * Null when the new id is another entry's.
   */
  AccountIndex rewritten(
      int replaced, byte[] hash, String id, int length, int removed, long shift) {
    Builder builder = new Builder(count);
    for (int i = 0; i < count; i++) {
      if (i == removed) {
        continue;
      }
      long start = starts[i] + (i > Math.max(replaced, removed) ? shift : 0);
      if (i == replaced) {
        byte[] key = idBytes(id);
        if (key.length == 0 || !builder.add(hash, 0, key, 0, key.length, start, length)) {
          return null;
        }
      } else {
        builder.add(hashes, i * HASH_BYTES, ids, idAt[i], idLength[i], start, lengths[i]);
      }
    }
    return builder.build();
  }

  private static void insert(int[] table, int code, int entry) {
    int mask = table.length - 1;
    for (int slot = code & mask; ; slot = (slot + 1) & mask) {
      if (table[slot] == 0) {
        table[slot] = entry + 1;
        return;
      }
    }
  }

  /** Whether two token hashes are equal, in time independent of where they differ. */
  private static boolean sameHash(byte[] a, int aOffset, byte[] b, int bOffset) {
    int difference = 0;
    for (int i = 0; i < HASH_BYTES; i++) {
      difference |= a[aOffset + i] ^ b[bOffset + i];
    }
    return difference == 0;
  }

  /** The id's bytes, or none when it cannot be an id (not ASCII, too long, empty). */
  static byte[] idBytes(String id) {
    if (id == null || id.isEmpty() || id.length() > ID_MAX) {
      return new byte[0];
    }
    byte[] key = new byte[id.length()];
    for (int i = 0; i < key.length; i++) {
      char c = id.charAt(i);
      if (c > 127) {
        return new byte[0];
      }
      key[i] = (byte) c;
    }
    return key;
  }

  private static int hashOf(byte[] hash) {
    return hashOf(hash, 0);
  }

  /** The hashes are SHA-256 values: their first bytes are as good as any hash of them. */
  private static int hashOf(byte[] hash, int offset) {
    return (hash[offset] & 0xff)
        | (hash[offset + 1] & 0xff) << 8
        | (hash[offset + 2] & 0xff) << 16
        | (hash[offset + 3] & 0xff) << 24;
  }

  private static int idCode(byte[] key) {
    return idCode(key, 0, key.length);
  }

  private static int idCode(byte[] bytes, int offset, int length) {
    int h = 0x811c9dc5;
    for (int i = offset; i < offset + length; i++) {
      h = (h ^ bytes[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  /** Builds an index entry by entry (file order); refuses an id seen before. */
  static final class Builder {
    private int count;
    private byte[] hashes;
    private long[] starts;
    private int[] lengths;
    private byte[] ids;
    private int[] idAt;
    private byte[] idLength;
    private int idsUsed;
    private int[] byHash;
    private int[] byId;

    Builder(int expected) {
      int capacity = Math.max(16, expected + expected / 8);
      hashes = new byte[capacity * HASH_BYTES];
      starts = new long[capacity];
      lengths = new int[capacity];
      ids = new byte[capacity * 24];
      idAt = new int[capacity];
      idLength = new byte[capacity];
      byHash = new int[tableSize(capacity)];
      byId = new int[tableSize(capacity)];
    }

    private static int tableSize(int capacity) {
      return Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
    }

    int count() {
      return count;
    }

    /** Adds an entry; false (and nothing added) when its id is there already. */
    boolean add(byte[] hash, String id, long start, int length) {
      byte[] key = idBytes(id);
      return key.length > 0 && add(hash, 0, key, 0, key.length, start, length);
    }

    boolean add(
        byte[] hashSource,
        int hashOffset,
        byte[] idSource,
        int idOffset,
        int idLen,
        long start,
        int length) {
      int idMask = byId.length - 1;
      int code = idCode(idSource, idOffset, idLen);
      for (int slot = code & idMask; ; slot = (slot + 1) & idMask) {
        int entry = byId[slot] - 1;
        if (entry < 0) {
          break;
        }
        if (idLength[entry] == idLen
            && Arrays.equals(
                ids, idAt[entry], idAt[entry] + idLen, idSource, idOffset, idOffset + idLen)) {
          return false;
        }
      }
      if (count == starts.length) {
        grow();
      }
      if (idsUsed + idLen > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(ids.length * 3 / 2, idsUsed + idLen));
      }
      System.arraycopy(hashSource, hashOffset, hashes, count * HASH_BYTES, HASH_BYTES);
      System.arraycopy(idSource, idOffset, ids, idsUsed, idLen);
      idAt[count] = idsUsed;
      idLength[count] = (byte) idLen;
      idsUsed += idLen;
      starts[count] = start;
      lengths[count] = length;
      // A second entry with the same hash wins over the first, as a map's put would.
      int hashMask = byHash.length - 1;
      for (int slot = hashOf(hashSource, hashOffset) & hashMask; ; slot = (slot + 1) & hashMask) {
        int entry = byHash[slot] - 1;
        if (entry < 0) {
          byHash[slot] = count + 1;
          break;
        }
        if (sameHash(hashes, entry * HASH_BYTES, hashSource, hashOffset)) {
          byHash[slot] = count + 1;
          break;
        }
      }
      insert(byId, code, count);
      count++;
      return true;
    }

    private void grow() {
      int capacity = starts.length * 2;
      hashes = Arrays.copyOf(hashes, capacity * HASH_BYTES);
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      idAt = Arrays.copyOf(idAt, capacity);
      idLength = Arrays.copyOf(idLength, capacity);
      int[] oldHash = byHash;
      int[] oldId = byId;
      byHash = new int[tableSize(capacity)];
      byId = new int[tableSize(capacity)];
      for (int entry : oldHash) {
        if (entry != 0) {
          insert(byHash, hashOf(hashes, (entry - 1) * HASH_BYTES), entry - 1);
        }
      }
      for (int entry : oldId) {
        if (entry != 0) {
          insert(byId, idCode(ids, idAt[entry - 1], idLength[entry - 1]), entry - 1);
        }
      }
    }

    AccountIndex build() {
      return new AccountIndex(
          count,
          starts.length,
          hashes,
          starts,
          lengths,
          ids,
          idAt,
          idLength,
          idsUsed,
          byHash,
          byId);
    }
  }
}
