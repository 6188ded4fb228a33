package io.postdesk.ticket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Search on the embedded H2 with Lucene, an index in {@code <data-dir>/search} (docs/adr/0020). Each part of the
 * {@link SearchDocument} is a field twice, as written and Porter-stemmed; team notes are fields of their own that only
 * staff queries read. Lucene returns the matching ticket ids (newest first, or by score), at most
 * {@link #MAX_HITS}; SQL then applies the field filters and who may see what to those ids.
 *
 * <p>Durability: every write records the ticket in {@code ticket_search_changes} in its own transaction; after commit
 * the index applies the recorded changes and searches see them at once (near-real-time reader). A Lucene commit every
 * second makes them durable and only then deletes the recorded rows, so a crash between the database commit and the
 * index loses nothing: at start the rows still there are applied again. An index that belongs to another database
 * (its token differs from {@code search_index_state}'s) or is missing is rebuilt from the tickets.
 */
class LuceneTicketSearch implements TicketSearch, SmartInitializingSingleton, AutoCloseable {

    /** The most ids the text part of a search yields: one more than the counts' cap (StatusCounts.CAP). */
    static final int MAX_HITS = StatusCounts.CAP + 1;

    private static final Logger log = LoggerFactory.getLogger(LuceneTicketSearch.class);
    private static final String KEY = "key";
    private static final String ID = "id";
    private static final String TOKEN = "token";
    private static final String MAX_TICKET = "maxTicket";
    private static final String STEM = "_stem";
    private static final List<String> PUBLIC_PARTS = List.of("subject", "people", "messages");
    private static final Map<String, Float> BOOSTS = Map.of("subject", 4f, "people", 2f, "messages", 1f, "notes", 1f);
    private static final Object SYNCHRONIZATION_KEY = new Object();

    private final JdbcClient jdbc;
    private final SearchDocuments documents;
    private final Path directory;
    private final Analyzer analyzer = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        private final Analyzer exact = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                return new TokenStreamComponents(new WhitespaceTokenizer());
            }
        };
        private final Analyzer stemmed = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                var tokenizer = new WhitespaceTokenizer();
                return new TokenStreamComponents(tokenizer, new PorterStemFilter(tokenizer));
            }
        };

        @Override
        protected Analyzer getWrappedAnalyzer(String field) {
            return field.endsWith(STEM) ? stemmed : exact;
        }
    };
    private final Set<Long> applied = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong maxTicket = new AtomicLong();
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "search-index-commit");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable IndexWriter writer;
    private @Nullable SearcherManager searchers;
    private String token = "";

    LuceneTicketSearch(JdbcClient jdbc, SearchDocuments documents, Path directory) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.directory = directory;
    }

    /** Opens the index once the schema is migrated, and catches it up with the database. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            Files.createDirectories(directory);
            var w = new IndexWriter(
                    FSDirectory.open(directory),
                    new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            writer = w;
            searchers = new SearcherManager(w, null);
            token = databaseToken();
            Map<String, String> data = new HashMap<>();
            Iterable<Map.Entry<String, String>> live = w.getLiveCommitData();
            if (live != null) {
                live.forEach(e -> data.put(e.getKey(), e.getValue()));
            }
            if (!token.equals(data.get(TOKEN))) {
                rebuild();
            } else {
                maxTicket.set(Long.parseLong(data.getOrDefault(MAX_TICKET, "0")));
                drain();
                catchUp();
                commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + directory, e);
        }
        committer.scheduleWithFixedDelay(this::commitQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** The token naming this database, so an index built for another one (a copied data dir) is rebuilt. */
    private String databaseToken() {
        return jdbc.sql("SELECT token FROM search_index_state WHERE name = 'lucene'")
                .query(String.class)
                .optional()
                .orElseGet(() -> {
                    String fresh = UUID.randomUUID().toString();
                    jdbc.sql("INSERT INTO search_index_state (name, token) VALUES ('lucene', ?)")
                            .param(fresh)
                            .update();
                    return fresh;
                });
    }

    private void rebuild() throws IOException {
        log.info("Building the search index in {} from the database", directory);
        List<Long> pending = jdbc.sql("SELECT id FROM ticket_search_changes")
                .query(Long.class)
                .list();
        writer().deleteAll();
        maxTicket.set(0);
        long n = catchUp();
        applied.addAll(pending);
        commit();
        log.info("Search index built: {} tickets", n);
    }

    @Override
    public void reindex(long ticketId) {
        jdbc.sql("INSERT INTO ticket_search_changes (ticket_id) VALUES (?)")
                .param(ticketId)
                .update();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            drain();
        } else if (!TransactionSynchronizationManager.hasResource(SYNCHRONIZATION_KEY)) {
            TransactionSynchronizationManager.bindResource(SYNCHRONIZATION_KEY, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SYNCHRONIZATION_KEY);
                    if (status == STATUS_COMMITTED) {
                        drain();
                    }
                }
            });
        }
    }

    /**
     * Applies every recorded change not applied yet (only committed rows are visible), and makes them searchable. A
     * change whose ticket is gone removes it from the index.
     */
    synchronized void drain() {
        if (writer == null) {
            return;
        }
        try {
            while (true) {
                Map<Long, Long> changes = new HashMap<>();
                jdbc.sql("SELECT id, ticket_id FROM ticket_search_changes ORDER BY id FETCH FIRST 1000 ROWS ONLY")
                        .query(rs -> {
                            changes.put(rs.getLong("id"), rs.getLong("ticket_id"));
                        });
                changes.keySet().removeAll(applied);
                if (changes.isEmpty()) {
                    break;
                }
                Set<Long> tickets = new LinkedHashSet<>(changes.values());
                write(tickets);
                applied.addAll(changes.keySet());
                if (changes.size() < 1000) {
                    break;
                }
            }
            searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Collection<Long> ticketIds) throws IOException {
        Map<Long, SearchDocument> docs = documents.load(ticketIds);
        for (long id : ticketIds) {
            SearchDocument doc = docs.get(id);
            if (doc == null) {
                writer().deleteDocuments(new Term(KEY, Long.toString(id)));
            } else {
                writer().updateDocument(new Term(KEY, Long.toString(id)), document(doc));
            }
            maxTicket.accumulateAndGet(id, Math::max);
        }
    }

    private static Document document(SearchDocument doc) {
        var d = new Document();
        d.add(new StringField(KEY, Long.toString(doc.ticketId()), Field.Store.NO));
        d.add(new NumericDocValuesField(ID, doc.ticketId()));
        d.add(new StoredField(ID, doc.ticketId()));
        Map<String, String> parts = Map.of(
                "subject", doc.subject(), "people", doc.people(), "messages", doc.messages(), "notes", doc.notes());
        parts.forEach((field, text) -> {
            d.add(new TextField(field, text, Field.Store.NO));
            d.add(new TextField(field + STEM, text, Field.Store.NO));
        });
        return d;
    }

    @Override
    public synchronized long catchUp() {
        long indexed = 0;
        try {
            for (List<Long> ids = documents.idsAfter(maxTicket.get(), SearchDocuments.BATCH);
                    !ids.isEmpty();
                    ids = documents.idsAfter(maxTicket.get(), SearchDocuments.BATCH)) {
                write(ids);
                indexed += ids.size();
            }
            searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexed;
    }

    /** Makes what was applied durable, then forgets the recorded changes it covers. */
    synchronized void commit() throws IOException {
        List<Long> done = new ArrayList<>(applied);
        writer().setLiveCommitData(Map.of(TOKEN, token, MAX_TICKET, Long.toString(maxTicket.get()))
                .entrySet());
        writer().commit();
        for (int i = 0; i < done.size(); i += 1000) {
            jdbc.sql("DELETE FROM ticket_search_changes WHERE id IN (:ids)")
                    .param("ids", done.subList(i, Math.min(done.size(), i + 1000)))
                    .update();
        }
        done.forEach(applied::remove);
    }

    private void commitQuietly() {
        try {
            if (!applied.isEmpty() || writer().hasUncommittedChanges()) {
                commit();
            }
        } catch (Exception e) {
            log.warn("Search index commit failed; it is retried", e);
        }
    }

    @Override
    public Match match(SearchQuery query, boolean staff, boolean ranked) {
        List<String> parts = new ArrayList<>(PUBLIC_PARTS);
        if (staff) {
            parts.add("notes");
        }
        var positive = new BooleanQuery.Builder();
        boolean any = false;
        for (String word : query.words()) {
            positive.add(word(word, parts), Occur.MUST);
            any = true;
        }
        for (String phrase : query.phrases()) {
            String words = SearchDocument.words(phrase);
            if (!words.isEmpty()) {
                positive.add(phrase(words.split(" "), parts), Occur.MUST);
                any = true;
            }
        }
        var excluded = new BooleanQuery.Builder();
        for (String word : query.excluded()) {
            excluded.add(word(word, parts), Occur.SHOULD);
        }
        Query excludedQuery = excluded.build();
        boolean anyExcluded = !query.excluded().isEmpty();
        if (!any) {
            if (!anyExcluded) {
                return new Match("1 = 1", List.of(), null, List.of());
            }
            List<Long> ids = search(excludedQuery, false);
            return new Match(ids.isEmpty() ? "1 = 1" : "t.id NOT IN (" + join(ids) + ")", List.of(), null, List.of());
        }
        if (anyExcluded) {
            positive.add(excludedQuery, Occur.MUST_NOT);
        }
        List<Long> ids = search(positive.build(), ranked);
        if (ids.isEmpty()) {
            return new Match("1 = 0", List.of(), null, List.of());
        }
        // Position in the ranked list, negated so a descending sort puts the best first.
        return new Match(
                "t.id IN (" + join(ids) + ")",
                List.of(),
                ranked ? "-LOCATE(',' || CAST(t.id AS VARCHAR) || ',', ?)" : null,
                ranked ? List.of("," + join(ids) + ",") : List.of());
    }

    /** A word: its stem by prefix, or the word as written by prefix (an exact word scores higher), in any part. */
    private Query word(String word, List<String> parts) {
        String stem = stem(word);
        var any = new BooleanQuery.Builder();
        for (String part : parts) {
            float boost = BOOSTS.get(part);
            any.add(new BoostQuery(new PrefixQuery(new Term(part + STEM, stem)), boost), Occur.SHOULD);
            any.add(new BoostQuery(new PrefixQuery(new Term(part, word)), boost), Occur.SHOULD);
            any.add(new BoostQuery(new TermQuery(new Term(part, word)), boost), Occur.SHOULD);
        }
        return any.build();
    }

    /** A phrase: its words in order, as written or stemmed, within one part. */
    private Query phrase(String[] words, List<String> parts) {
        var any = new BooleanQuery.Builder();
        for (String part : parts) {
            float boost = BOOSTS.get(part);
            any.add(new BoostQuery(new PhraseQuery(part, words), boost), Occur.SHOULD);
            String[] stems = java.util.Arrays.stream(words).map(this::stem).toArray(String[]::new);
            any.add(new BoostQuery(new PhraseQuery(part + STEM, stems), boost), Occur.SHOULD);
        }
        return any.build();
    }

    private String stem(String word) {
        try (TokenStream tokens = analyzer.tokenStream("messages" + STEM, word)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            String stem = tokens.incrementToken() ? term.toString() : word;
            tokens.end();
            return stem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the best {@link #MAX_HITS} matches: by score, or newest (highest id) first. */
    private List<Long> search(Query query, boolean byScore) {
        try {
            IndexSearcher searcher = searchers().acquire();
            try {
                TopDocs top = byScore
                        ? searcher.search(query, MAX_HITS)
                        : searcher.search(query, MAX_HITS, new Sort(new SortField(ID, SortField.Type.LONG, true)));
                var storedFields = searcher.storedFields();
                List<Long> ids = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    ids.add(storedFields
                            .document(hit.doc)
                            .getField(ID)
                            .numericValue()
                            .longValue());
                }
                return ids;
            } finally {
                searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("the search index is not open yet");
        }
        return writer;
    }

    private SearcherManager searchers() {
        if (searchers == null) {
            throw new IllegalStateException("the search index is not open yet");
        }
        return searchers;
    }

    @Override
    public void close() throws IOException {
        committer.shutdownNow();
        if (writer != null) {
            synchronized (this) {
                commit();
                searchers().close();
                writer.close();
                writer = null;
            }
        }
    }
}
