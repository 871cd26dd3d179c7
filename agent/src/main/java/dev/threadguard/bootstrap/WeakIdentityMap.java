package dev.threadguard.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** Identity keys held weakly, so that tracking a pool or a thread never keeps it alive. */
final class WeakIdentityMap<K, V> {

    private static final class Key<K> extends WeakReference<K> {
        final int hash;

        Key(K referent, ReferenceQueue<? super K> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Key)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((Key<?>) o).get();
        }
    }

    private final ConcurrentHashMap<Key<K>, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> queue = new ReferenceQueue<>();
    /** Told the value of every key that was collected, when its entry is expunged; may be null. */
    private final java.util.function.Consumer<? super V> onCollected;

    WeakIdentityMap() {
        this(null);
    }

    WeakIdentityMap(java.util.function.Consumer<? super V> onCollected) {
        this.onCollected = onCollected;
    }

    V get(K key) {
        return map.get(new Key<>(key, null));
    }

    /** Returns the value already there, or puts and returns {@code value}. */
    V putIfAbsent(K key, V value) {
        expunge();
        V old = map.putIfAbsent(new Key<>(key, queue), value);
        return old != null ? old : value;
    }

    /**
     * Puts if absent and returns the entry's own key, with which {@link #removeEntry} removes it without
     * a lookup; null when another value is there already.
     */
    Object putIfAbsentEntry(K key, V value) {
        expunge();
        Key<K> k = new Key<>(key, queue);
        return map.putIfAbsent(k, value) == null ? k : null;
    }

    /** Removes the entry {@link #putIfAbsentEntry} made, if it is still there. */
    void removeEntry(Object entry) {
        map.remove(entry);
    }

    void put(K key, V value) {
        expunge();
        map.put(new Key<>(key, queue), value);
    }

    V remove(K key) {
        return map.remove(new Key<>(key, null));
    }

    Collection<V> values() {
        return map.values();
    }

    int size() {
        return map.size();
    }

    void expunge() {
        Reference<? extends K> ref;
        while ((ref = queue.poll()) != null) {
            V v = map.remove(ref);
            if (v != null && onCollected != null) {
                onCollected.accept(v);
            }
        }
    }
}
