package io.postdesk.assist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory matrix of int8-quantized, unit-length sentence embeddings, one row per resolved ticket, searched by
 * brute-force cosine similarity. int8 keeps 100,000 tickets at 100,000 × 384 bytes (about 37 MiB) instead of 150 MiB
 * of floats, and a scan of them takes tens of milliseconds; the quantization error in the cosine is below 0.01. A
 * newer row for the same ticket replaces the older one. Safe for concurrent readers and one writer at a time.
 */
final class VectorIndex {

    /** A scored match: the ticket id and the cosine similarity of its embedding to the query's. */
    record Hit(long ticketId, double cosine) {}

    private final int dimensions;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> rowByTicket = new HashMap<>();
    private byte[] matrix;
    private float[] scales;
    private long[] tickets;
    private boolean[] live;
    private int rows;
    private int liveRows;

    VectorIndex(int dimensions) {
        this.dimensions = dimensions;
        this.matrix = new byte[16 * dimensions];
        this.scales = new float[16];
        this.tickets = new long[16];
        this.live = new boolean[16];
    }

    /**
     * The stored form of a unit vector: a 4-byte big-endian float scale, then one signed byte per dimension (the
     * component divided by the scale, rounded). This is what {@code ai_resolved_tickets.embedding} holds.
     */
    static byte[] quantize(float[] vector) {
        float max = 0;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max == 0 ? 1 : max / 127f;
        byte[] out = new byte[4 + vector.length];
        int bits = Float.floatToIntBits(scale);
        out[0] = (byte) (bits >>> 24);
        out[1] = (byte) (bits >>> 16);
        out[2] = (byte) (bits >>> 8);
        out[3] = (byte) bits;
        for (int i = 0; i < vector.length; i++) {
            out[4 + i] = (byte) Math.round(vector[i] / scale);
        }
        return out;
    }

    private static float scale(byte[] quantized) {
        return Float.intBitsToFloat(((quantized[0] & 0xff) << 24)
                | ((quantized[1] & 0xff) << 16)
                | ((quantized[2] & 0xff) << 8)
                | (quantized[3] & 0xff));
    }

    void add(long ticketId, byte[] quantized) {
        if (quantized.length != 4 + dimensions) {
            throw new IllegalArgumentException(
                    "an embedding of " + (quantized.length - 4) + " dimensions, expected " + dimensions);
        }
        float scale = scale(quantized);
        lock.writeLock().lock();
        try {
            Integer previous = rowByTicket.get(ticketId);
            if (previous != null) {
                live[previous] = false;
                liveRows--;
            }
            if (rows == tickets.length) {
                int capacity = rows * 2;
                matrix = Arrays.copyOf(matrix, capacity * dimensions);
                scales = Arrays.copyOf(scales, capacity);
                tickets = Arrays.copyOf(tickets, capacity);
                live = Arrays.copyOf(live, capacity);
            }
            int row = rows++;
            System.arraycopy(quantized, 4, matrix, row * dimensions, dimensions);
            scales[row] = scale;
            tickets[row] = ticketId;
            live[row] = true;
            liveRows++;
            rowByTicket.put(ticketId, row);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets a ticket's row (its newer entry has no embedding yet). */
    void remove(long ticketId) {
        lock.writeLock().lock();
        try {
            Integer previous = rowByTicket.remove(ticketId);
            if (previous != null) {
                live[previous] = false;
                liveRows--;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return liveRows;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The {@code limit} rows most similar to the unit vector {@code query}, best first, without the excluded ticket. */
    List<Hit> search(float[] query, int limit, long excludedTicketId) {
        if (query.length != dimensions) {
            throw new IllegalArgumentException("a query of " + query.length + " dimensions, expected " + dimensions);
        }
        // The query is quantized like the rows so the inner loop is an int dot product, which the JIT vectorizes (a
        // float sum it may not reorder, so cannot): 100,000 rows scan in about 15 ms instead of 40 on these cores.
        byte[] stored = quantize(query);
        float queryScale = scale(stored);
        byte[] q = Arrays.copyOfRange(stored, 4, stored.length);
        lock.readLock().lock();
        try {
            List<Hit> best = new ArrayList<>(limit + 1);
            double floor = Double.NEGATIVE_INFINITY;
            for (int row = 0; row < rows; row++) {
                if (!live[row] || tickets[row] == excludedTicketId) {
                    continue;
                }
                int offset = row * dimensions;
                int dot = 0;
                for (int i = 0; i < dimensions; i++) {
                    dot += q[i] * matrix[offset + i];
                }
                double cosine = (double) dot * scales[row] * queryScale;
                if (best.size() == limit && cosine <= floor) {
                    continue;
                }
                Hit hit = new Hit(tickets[row], cosine);
                int at = 0;
                while (at < best.size() && best.get(at).cosine() >= cosine) {
                    at++;
                }
                best.add(at, hit);
                if (best.size() > limit) {
                    best.removeLast();
                }
                if (best.size() == limit) {
                    floor = best.getLast().cosine();
                }
            }
            return best;
        } finally {
            lock.readLock().unlock();
        }
    }
}
