package nl.baken.knowledge.internal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.SynonymSet;
import nl.baken.knowledge.Visibility;
import nl.baken.knowledge.internal.ArticleStore;
import nl.baken.knowledge.internal.SynonymStore;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.CharsRefBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's Lucene index of the articles. The database is the truth: the index remembers which version of each
 * article it holds and, whenever {@link #sync()} runs (after every local save, and on a timer for saves made by other
 * nodes), re-indexes what differs. An index that is missing or was deleted is therefore simply rebuilt. Drafts are
 * not indexed; internal articles are, for agents.
 */
@Component
public class ArticleIndex implements java.io.Closeable {

	private static final Logger log = LoggerFactory.getLogger(ArticleIndex.class);

	/** Field boosts: a word in the title or in a customer's example question says more than one in the body. */
	static final Map<String, Float> FIELDS = Map.of("title", 3.0f, "questions", 2.5f, "tags", 1.5f, "answer", 1.0f,
			"body", 0.6f);

	private static final float FUZZY_BOOST = 0.4f;

	private final ArticleStore articles;

	private final SynonymStore synonyms;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	/** Article id → version this index reflects (drafts included, so they are not looked at again). */
	private final Map<UUID, Integer> held = new HashMap<>();

	private boolean loaded;

	private volatile List<SynonymSet> synonymRows = List.of();

	private volatile Map<String, Analyzer> queryAnalyzers = Map.of("nl", DutchAnalysis.query(null), "en",
			EnglishAnalysis.query(null));

	private final Analyzer plain = PlainAnalysis.create();

	public ArticleIndex(ArticleStore articles, SynonymStore synonyms,
			@Value("${baken.knowledge.index-dir:${baken.data-dir:./data}/index/knowledge}") String location)
			throws IOException {
		this.articles = articles;
		this.synonyms = synonyms;
		if ("memory".equals(location)) {
			this.directory = new ByteBuffersDirectory();
		}
		else {
			Path path = Path.of(location);
			Files.createDirectories(path);
			this.directory = FSDirectory.open(path);
		}
		this.writer = new IndexWriter(directory, new IndexWriterConfig(indexAnalyzer()));
		this.writer.commit();
		this.searchers = new SearcherManager(writer, null);
	}

	static Analyzer indexAnalyzer() {
		Map<String, Analyzer> perField = new HashMap<>();
		for (String field : FIELDS.keySet()) {
			perField.put(field + ".nl", DutchAnalysis.index());
			perField.put(field + ".en", EnglishAnalysis.index());
		}
		return new PerFieldAnalyzerWrapper(PlainAnalysis.create(), perField);
	}

	/** Brings the index and the synonyms in line with the database; cheap when nothing changed. */
	public synchronized void sync() {
		try {
			if (!loaded) {
				loadHeld();
				loaded = true;
			}
			boolean changed = false;
			Set<UUID> present = new java.util.HashSet<>();
			for (ArticleStore.Stamp stamp : articles.stamps()) {
				present.add(stamp.id());
				Integer version = held.get(stamp.id());
				if (version == null || version != stamp.version()) {
					articles.find(stamp.id()).ifPresent(this::write);
					changed = true;
				}
			}
			for (UUID gone : new ArrayList<>(held.keySet())) {
				if (!present.contains(gone)) {
					writer.deleteDocuments(new Term("id", gone.toString()));
					held.remove(gone);
					changed = true;
				}
			}
			if (changed) {
				writer.commit();
				searchers.maybeRefreshBlocking();
			}
			List<SynonymSet> rows = synonyms.all();
			if (!rows.equals(synonymRows)) {
				queryAnalyzers = Map.of("nl", DutchAnalysis.query(synonymMap(rows, "nl")), "en",
						EnglishAnalysis.query(synonymMap(rows, "en")));
				synonymRows = rows;
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Drops everything and indexes again from the database. */
	public synchronized void rebuild() {
		try {
			writer.deleteAll();
			writer.commit();
			held.clear();
			loaded = true;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		sync();
	}

	private void write(Article article) {
		try {
			held.put(article.id(), article.version());
			if (article.visibility() == Visibility.DRAFT) {
				writer.deleteDocuments(new Term("id", article.id().toString()));
				return;
			}
			String lang = article.language();
			Document doc = new Document();
			doc.add(new StringField("id", article.id().toString(), Field.Store.YES));
			doc.add(new StoredField("version", article.version()));
			doc.add(new StringField("language", lang, Field.Store.YES));
			doc.add(new StringField("visibility", article.visibility().code(), Field.Store.YES));
			doc.add(new StoredField("category", article.categoryId()));
			doc.add(new StoredField("slug", article.slug()));
			doc.add(new StoredField("shortAnswer", article.shortAnswer()));
			doc.add(new TextField("title." + lang, article.title(), Field.Store.YES));
			doc.add(new TextField("questions." + lang, String.join("\n", article.exampleQuestions()), Field.Store.NO));
			doc.add(new TextField("tags." + lang, String.join(" ", article.tags()), Field.Store.NO));
			doc.add(new TextField("answer." + lang, article.shortAnswer(), Field.Store.NO));
			doc.add(new TextField("body." + lang, article.bodyMarkdown(), Field.Store.NO));
			doc.add(new TextField("plain." + lang, article.title() + "\n" + String.join("\n", article.exampleQuestions())
					+ "\n" + String.join(" ", article.tags()) + "\n" + article.shortAnswer(), Field.Store.NO));
			writer.updateDocument(new Term("id", article.id().toString()), doc);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void loadHeld() throws IOException {
		held.clear();
		try (DirectoryReader reader = DirectoryReader.open(writer)) {
			for (LeafReaderContext leaf : reader.leaves()) {
				LeafReader r = leaf.reader();
				StoredFields fields = r.storedFields();
				for (int doc = 0; doc < r.maxDoc(); doc++) {
					if (r.getLiveDocs() != null && !r.getLiveDocs().get(doc)) {
						continue;
					}
					Document d = fields.document(doc, Set.of("id", "version"));
					held.put(UUID.fromString(d.get("id")), d.getField("version").numericValue().intValue());
				}
			}
		}
		log.info("knowledge index holds {} articles", held.size());
	}

	public record Hit(UUID id, String language, String title, String shortAnswer, String categoryId, String slug,
			Visibility visibility, float score) {
	}

	/**
	 * Ranked articles in {@code language} for a customer's question. Each analysed word of the question may match
	 * in any field (the best field counts, boosted as in {@link #FIELDS}); each written word of four letters or more
	 * may also match with one or two typos, at a lower weight.
	 */
	public List<Hit> search(String question, String language, int limit, boolean includeInternal) {
		if (!loaded) {
			sync();
		}
		Query query = query(question, language, includeInternal, true);
		if (query == null) {
			return List.of();
		}
		try {
			IndexSearcher searcher = searchers.acquire();
			try {
				TopDocs top;
				try {
					top = searcher.search(query, limit);
				}
				catch (IndexSearcher.TooManyClauses e) {
					// a long question (an e-mail) in a large index: the words' typo variants alone pass Lucene's limit
					top = searcher.search(query(question, language, includeInternal, false), limit);
				}
				StoredFields stored = searcher.storedFields();
				List<Hit> hits = new ArrayList<>();
				for (ScoreDoc sd : top.scoreDocs) {
					Document d = stored.document(sd.doc);
					hits.add(new Hit(UUID.fromString(d.get("id")), d.get("language"), d.get("title." + language),
							d.get("shortAnswer"), d.get("category"), d.get("slug"),
							Visibility.fromCode(d.get("visibility")), sd.score));
				}
				return hits;
			}
			finally {
				searchers.release(searcher);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	Query query(String question, String language, boolean includeInternal, boolean typos) {
		Analyzer analyzer = queryAnalyzers.get(language);
		Set<String> terms = terms(analyzer, question);
		Set<String> words = terms(plain, question);
		if (terms.isEmpty() && words.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder match = new BooleanQuery.Builder();
		for (String term : terms) {
			List<Query> perField = new ArrayList<>();
			FIELDS.forEach((field, boost) -> perField
				.add(new BoostQuery(new TermQuery(new Term(field + "." + language, term)), boost)));
			match.add(new DisjunctionMaxQuery(perField, 0.2f), Occur.SHOULD);
		}
		if (typos) {
			CharArraySet stop = "nl".equals(language) ? org.apache.lucene.analysis.nl.DutchAnalyzer.getDefaultStopSet()
					: org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
			for (String word : words) {
				if (word.length() >= 4 && !stop.contains(word)) {
					int edits = word.length() >= 7 ? 2 : 1;
					match.add(new BoostQuery(new FuzzyQuery(new Term("plain." + language, word), edits, 1),
							FUZZY_BOOST), Occur.SHOULD);
				}
			}
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(match.build(), Occur.MUST)
			.add(new TermQuery(new Term("language", language)), Occur.FILTER);
		if (!includeInternal) {
			query.add(new TermQuery(new Term("visibility", Visibility.PUBLIC.code())), Occur.FILTER);
		}
		return query.build();
	}

	private static Set<String> terms(Analyzer analyzer, String text) {
		Set<String> terms = new LinkedHashSet<>();
		try (TokenStream stream = analyzer.tokenStream("q", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken() && terms.size() < 64) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return terms;
	}

	/** Every term of a set means every other one; phrases become multi-word synonyms. */
	static SynonymMap synonymMap(List<SynonymSet> rows, String language) throws IOException {
		SynonymMap.Builder builder = new SynonymMap.Builder(true);
		Analyzer plainWords = PlainAnalysis.create();
		for (SynonymSet set : rows) {
			if (!set.language().equals(language)) {
				continue;
			}
			List<org.apache.lucene.util.CharsRef> phrases = new ArrayList<>();
			for (String term : set.terms()) {
				Set<String> words = terms(plainWords, term);
				if (!words.isEmpty()) {
					phrases.add(SynonymMap.Builder.join(words.toArray(String[]::new), new CharsRefBuilder()));
				}
			}
			for (var from : phrases) {
				for (var to : phrases) {
					if (from != to) {
						builder.add(from, to, true);
					}
				}
			}
		}
		return builder.build();
	}

	@PreDestroy
	@Override
	public void close() throws IOException {
		searchers.close();
		writer.close();
		directory.close();
	}
}
