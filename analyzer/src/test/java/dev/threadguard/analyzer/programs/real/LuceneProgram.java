package dev.threadguard.analyzer.programs.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Apache Lucene 9.12 as its documentation shows it: an IndexWriter fed by an indexing pool of 2 (paced batches of
 * documents, as an ingest service does), flushing small segments that its ConcurrentMergeScheduler merges on
 * merge threads of its own, then an IndexSearcher over the index merged down to at most 4 segments with an
 * executor for its slices (one per segment) and 2 query threads, each pausing 40 ms between queries (the slices'
 * CPU stays far below the 2 CPUs, however slow the machine). {@code -Dmode=shared} (the default): the searcher's
 * executor is a pool of 2, made once. {@code -Dmode=sized-to-cores}: the searcher's pool is
 * {@code availableProcessors()} wide although a query has at most 4 slices (the caller runs one of them).
 * {@code -Dmode=per-query}: a new pool and IndexSearcher for every query, never shut down.
 */
public final class LuceneProgram {
    private static final String[] WORDS = {"thread", "pool", "core", "merge", "segment", "query", "index", "slice",
        "writer", "reader", "search", "score", "term", "field", "document", "flush"};

    public static void main(String[] args) throws Exception {
        String mode = System.getProperty("mode", "shared");
        Path dir = Files.createTempDirectory("threadguard-lucene");
        Load.awaitRecording();
        try (Directory directory = FSDirectory.open(dir)) {
            index(directory, Integer.getInteger("docs", 4000));
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                search(reader, mode, Long.getLong("searchMillis", 2000));
            }
        }
        System.exit(0);
    }

    /**
     * Two indexers add batches of 100 documents with a pause between them, {@code docs} in all however slow the
     * machine (the segments a searcher sees are the same), while the writer merges in the background.
     */
    private static void index(Directory directory, int docs) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        config.setMaxBufferedDocs(100); // small segments: the merge scheduler gets work
        AtomicInteger ids = new AtomicInteger();
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            ExecutorService indexers = Executors.newFixedThreadPool(2); // LUCENE-INDEXERS
            for (int t = 0; t < 2; t++) {
                int seed = t;
                indexers.submit(() -> {
                    Random random = new Random(seed);
                    for (int batch = 0; batch < docs / 2 / 100; batch++) {
                        for (int i = 0; i < 100; i++) {
                            writer.addDocument(document(ids.incrementAndGet(), random));
                        }
                        Thread.sleep(30);
                    }
                    return null;
                });
            }
            indexers.shutdown();
            if (!indexers.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("indexing did not finish");
            }
            writer.forceMerge(4); // at most 4 segments: at most 4 slices below
            writer.commit();
        }
        System.out.println("indexed " + ids.get());
    }

    private static Document document(int id, Random random) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 20; w++) {
            body.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        Document doc = new Document();
        doc.add(new StringField("id", Integer.toString(id), Field.Store.YES));
        doc.add(new TextField("body", body.toString(), Field.Store.NO));
        return doc;
    }

    private static void search(DirectoryReader reader, String mode, long millis) throws Exception {
        ExecutorService pool = switch (mode) {
            case "shared" -> Executors.newFixedThreadPool(2); // LUCENE-SEARCH-POOL-2
            case "sized-to-cores" -> Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()); // LUCENE-SEARCH-POOL-CORES
            case "per-query" -> null;
            default -> throw new IllegalArgumentException("mode " + mode);
        };
        IndexSearcher shared = pool == null ? null : new PerSegmentSearcher(reader, pool);
        AtomicInteger made = new AtomicInteger();
        long end = System.nanoTime() + millis * 1_000_000L;
        // per query: at least 24 searchers however slow the machine, more than the 10 a leak needs
        long queries = Load.paced("query", 2, 40, () -> System.nanoTime() < end || (shared == null && made.get() < 24), () -> {
            IndexSearcher searcher = shared;
            if (searcher == null) {
                made.incrementAndGet();
                searcher = new PerSegmentSearcher(reader, Executors.newFixedThreadPool(2)); // LUCENE-PER-QUERY
            }
            BooleanQuery q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("body", "merge")), BooleanClause.Occur.SHOULD)
                    .add(new TermQuery(new Term("body", "slice")), BooleanClause.Occur.MUST).build();
            if (searcher.search(q, 10).totalHits.value == 0) {
                throw new IllegalStateException("no hits");
            }
        });
        System.out.println("queries " + queries + ", segments " + reader.leaves().size());
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** One slice per segment, as applications override it to search even a small index in parallel. */
    static final class PerSegmentSearcher extends IndexSearcher {
        PerSegmentSearcher(DirectoryReader reader, ExecutorService pool) {
            super(reader, pool);
        }

        @Override
        protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
            return slices(leaves, 1, 1);
        }
    }
}
