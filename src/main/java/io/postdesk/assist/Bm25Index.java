package io.postdesk.assist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory BM25 index over resolved tickets (k1 = 1.2, b = 0.75), one document per ticket: a newer entry for the
 * same ticket replaces the older one. Postings are primitive arrays so 100,000 tickets cost tens of megabytes and a
 * query touches only the postings of its own terms. Safe for concurrent readers and one writer at a time.
 */
final class Bm25Index {

    private static final double K1 = 1.2;
    private static final double B = 0.75;

    /** A scored match: the document's ticket id, BM25 score and how many distinct query terms it contains. */
    record Hit(long ticketId, double score, int matchedTerms) {}

    private static final class Postings {
        int[] docs = new int[4];
        int[] freqs = new int[4];
        int size;

        void add(int doc, int freq) {
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, size * 2);
                freqs = Arrays.copyOf(freqs, size * 2);
            }
            docs[size] = doc;
            freqs[size] = freq;
            size++;
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Postings> postings = new HashMap<>();
    private final Map<Long, Integer> docByTicket = new HashMap<>();
    private long[] tickets = new long[16];
    private int[] lengths = new int[16];
    private boolean[] live = new boolean[16];
    private int docs;
    private int liveDocs;
    private long totalLength;

    void add(long ticketId, String text) {
        List<String> terms = Words.terms(text);
        Map<String, Integer> freqs = new HashMap<>();
        for (String term : terms) {
            freqs.merge(term, 1, Integer::sum);
        }
        lock.writeLock().lock();
        try {
            Integer previous = docByTicket.get(ticketId);
            if (previous != null) {
                live[previous] = false;
                liveDocs--;
                totalLength -= lengths[previous];
            }
            if (docs == tickets.length) {
                tickets = Arrays.copyOf(tickets, docs * 2);
                lengths = Arrays.copyOf(lengths, docs * 2);
                live = Arrays.copyOf(live, docs * 2);
            }
            int doc = docs++;
            tickets[doc] = ticketId;
            lengths[doc] = terms.size();
            live[doc] = true;
            liveDocs++;
            totalLength += terms.size();
            docByTicket.put(ticketId, doc);
            freqs.forEach((term, freq) ->
                    postings.computeIfAbsent(term, t -> new Postings()).add(doc, freq));
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return liveDocs;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The best {@code limit} documents for {@code query}, best first, leaving out {@code excludedTicketId}. */
    List<Hit> search(String query, int limit, long excludedTicketId) {
        var terms = new LinkedHashSet<>(Words.terms(query));
        lock.readLock().lock();
        try {
            if (liveDocs == 0 || terms.isEmpty()) {
                return List.of();
            }
            double avgLength = Math.max(1.0, (double) totalLength / liveDocs);
            double[] scores = new double[docs];
            int[] matched = new int[docs];
            for (String term : terms) {
                Postings list = postings.get(term);
                if (list == null) {
                    continue;
                }
                double idf = Math.log(1 + (liveDocs - list.size + 0.5) / (list.size + 0.5));
                for (int i = 0; i < list.size; i++) {
                    int doc = list.docs[i];
                    double tf = list.freqs[i];
                    scores[doc] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[doc] / avgLength));
                    matched[doc]++;
                }
            }
            return top(scores, matched, limit, excludedTicketId);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Hit> top(double[] scores, int[] matched, int limit, long excludedTicketId) {
        List<Hit> best = new ArrayList<>(limit + 1);
        for (int doc = 0; doc < scores.length; doc++) {
            if (scores[doc] <= 0 || !live[doc] || tickets[doc] == excludedTicketId) {
                continue;
            }
            if (best.size() == limit && scores[doc] <= best.getLast().score()) {
                continue;
            }
            Hit hit = new Hit(tickets[doc], scores[doc], matched[doc]);
            int at = 0;
            while (at < best.size() && best.get(at).score() >= hit.score()) {
                at++;
            }
            best.add(at, hit);
            if (best.size() > limit) {
                best.removeLast();
            }
        }
        return best;
    }
}
