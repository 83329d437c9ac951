package nl.baken.answering.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TF-IDF over word unigrams and bigrams and over character 2–5-grams inside word boundaries: typo- and
 * inflection-tolerant surface features in any language. Each block is L2-normalised; the vocabulary and document
 * frequencies come from the training texts only.
 */
public final class NgramFeatures {

	private final Map<String, Integer> index = new HashMap<>();

	private final float[] idf;

	private NgramFeatures(List<String> texts) {
		Map<String, Integer> documentFrequency = new HashMap<>();
		for (String text : texts) {
			for (String gram : grams(text).keySet()) {
				documentFrequency.merge(gram, 1, Integer::sum);
			}
		}
		idf = new float[documentFrequency.size()];
		int n = texts.size();
		documentFrequency.forEach((gram, df) -> {
			int id = index.size();
			index.put(gram, id);
			idf[id] = (float) (Math.log((1.0 + n) / (1.0 + df)) + 1);
		});
	}

	public static NgramFeatures fit(List<String> texts) {
		return new NgramFeatures(texts);
	}

	public int size() {
		return idf.length;
	}

	/** The features of one text; grams not seen in training are dropped. */
	public Sparse vector(String text) {
		Map<String, Integer> counts = grams(text);
		int[] ids = new int[counts.size()];
		float[] values = new float[counts.size()];
		double wordNorm = 0;
		double charNorm = 0;
		int n = 0;
		boolean[] word = new boolean[counts.size()];
		for (Map.Entry<String, Integer> gram : counts.entrySet()) {
			Integer id = index.get(gram.getKey());
			if (id == null) {
				continue;
			}
			float value = (float) ((1 + Math.log(gram.getValue())) * idf[id]);
			ids[n] = id;
			values[n] = value;
			word[n] = gram.getKey().charAt(0) == 'w';
			if (word[n]) {
				wordNorm += value * value;
			}
			else {
				charNorm += value * value;
			}
			n++;
		}
		float wordScale = wordNorm > 0 ? (float) (1 / Math.sqrt(wordNorm)) : 0;
		float charScale = charNorm > 0 ? (float) (1 / Math.sqrt(charNorm)) : 0;
		for (int i = 0; i < n; i++) {
			values[i] *= word[i] ? wordScale : charScale;
		}
		return new Sparse(java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(values, n));
	}

	/** Lower-cased, accents folded ("café" = "cafe"), tokens of letters and digits. */
	static List<String> words(String text) {
		String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
			.replaceAll("\\p{M}+", "");
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				word.append(c);
			}
			else if (!word.isEmpty()) {
				words.add(word.toString());
				word.setLength(0);
			}
		}
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		return words;
	}

	// Word grams are prefixed "w", character grams "c", so the two blocks never collide and can be told apart.
	private static Map<String, Integer> grams(String text) {
		Map<String, Integer> counts = new HashMap<>();
		List<String> words = words(text);
		for (int i = 0; i < words.size(); i++) {
			counts.merge("w" + words.get(i), 1, Integer::sum);
			if (i + 1 < words.size()) {
				counts.merge("w" + words.get(i) + ' ' + words.get(i + 1), 1, Integer::sum);
			}
			String padded = ' ' + words.get(i) + ' ';
			for (int length = 2; length <= 5; length++) {
				for (int start = 0; start + length <= padded.length(); start++) {
					counts.merge("c" + padded.substring(start, start + length), 1, Integer::sum);
				}
			}
		}
		return counts;
	}

	/** A sparse feature vector: parallel arrays of feature ids and values. */
	public record Sparse(int[] ids, float[] values) {
	}
}
