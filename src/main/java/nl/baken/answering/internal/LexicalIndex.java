package nl.baken.answering.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.baken.knowledge.TextAnalysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * BM25 over the example questions in memory. Each language has its own field and the knowledge search's analysis
 * for it ({@link TextAnalysis}: Dutch compound splitting and stemming, English stemming, accent folding), so the
 * matcher and the help center's search read a question alike; a question is searched only in its own language's
 * field: a Dutch question matches Dutch examples.
 */
public final class LexicalIndex {

	private static final int HITS = 50;

	private static final String OTHER = "other";

	private final Analyzer analyzer;

	private final IndexSearcher searcher;

	private final int labels;

	/** The label of each document id, read once: looking it up in the stored fields per hit cost more than BM25. */
	private final int[] labelOfDocument;

	private LexicalIndex(Analyzer analyzer, IndexSearcher searcher, int labels, int[] labelOfDocument) {
		this.analyzer = analyzer;
		this.searcher = searcher;
		this.labels = labels;
		this.labelOfDocument = labelOfDocument;
	}

	/**
	 * @param texts the examples
	 * @param languages their languages ({@code en}, {@code nl}, …)
	 * @param targets their label ids
	 */
	public static LexicalIndex build(List<String> texts, List<String> languages, int[] targets, int labels) {
		Analyzer analyzer = new PerFieldAnalyzerWrapper(TextAnalysis.forLanguage(OTHER),
				Map.of("en", TextAnalysis.forLanguage("en"), "nl", TextAnalysis.forLanguage("nl")));
		ByteBuffersDirectory directory = new ByteBuffersDirectory();
		IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
		try (IndexWriter writer = new IndexWriter(directory, config)) {
			for (int i = 0; i < texts.size(); i++) {
				Document document = new Document();
				document.add(new TextField(field(languages.get(i)), texts.get(i), Field.Store.NO));
				document.add(new StoredField("label", targets[i]));
				writer.addDocument(document);
			}
			writer.commit();
			DirectoryReader reader = DirectoryReader.open(directory);
			int[] labelOfDocument = new int[reader.maxDoc()];
			for (LeafReaderContext leaf : reader.leaves()) {
				StoredFields stored = leaf.reader().storedFields();
				for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
					labelOfDocument[leaf.docBase + doc] = stored.document(doc).getField("label").numericValue().intValue();
				}
			}
			IndexSearcher searcher = new IndexSearcher(reader);
			searcher.setSimilarity(new BM25Similarity());
			return new LexicalIndex(analyzer, searcher, labels, labelOfDocument);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The best BM25 score of each label's examples for the question (0 for labels without a hit). */
	public double[] scores(String question, String language) {
		double[] scores = new double[labels];
		String field = field(language);
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		List<String> terms = terms(field, question);
		if (terms.isEmpty()) {
			return scores;
		}
		for (String term : terms.subList(0, Math.min(terms.size(), IndexSearcher.getMaxClauseCount()))) {
			query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
		}
		try {
			for (ScoreDoc hit : searcher.search(query.build(), HITS).scoreDocs) {
				int label = labelOfDocument[hit.doc];
				scores[label] = Math.max(scores[label], hit.score);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return scores;
	}

	/** The analysed terms of a text in a language: what BM25 matches on (stems, without stop words). */
	public static List<String> analyse(String text, String language) {
		try (Analyzer analyzer = TextAnalysis.forLanguage(field(language))) {
			return terms(analyzer, field(language), text);
		}
	}

	private List<String> terms(String field, String text) {
		return terms(analyzer, field, text);
	}

	private static List<String> terms(Analyzer analyzer, String field, String text) {
		List<String> terms = new ArrayList<>();
		try (TokenStream tokens = analyzer.tokenStream(field, text)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			tokens.reset();
			while (tokens.incrementToken()) {
				terms.add(term.toString());
			}
			tokens.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return terms;
	}

	private static String field(String language) {
		return "en".equals(language) || "nl".equals(language) ? language : OTHER;
	}
}
