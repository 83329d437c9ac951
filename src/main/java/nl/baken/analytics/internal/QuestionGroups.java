package nl.baken.analytics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import nl.baken.analytics.KnowledgeGaps.Gap;
import nl.baken.analytics.KnowledgeGaps.Question;
import nl.baken.answering.Answering;
import nl.baken.answering.SentenceEncoder;
import org.springframework.stereotype.Component;

/**
 * Groups questions by meaning with the answering module's sentence encoder: a question joins the group whose first
 * question it is most similar to (cosine at least the encoder's {@link SentenceEncoder#sameQuestion()}), or starts a
 * new one. Where the deployment runs without an embedding model, questions that share most of their words are grouped
 * instead. Groups are ranked by size, then by their newest question.
 */
@Component
class QuestionGroups {

	/** Share of shared words (Jaccard) above which two questions count as the same without embeddings. */
	static final double SAME_WORDS = 0.5;

	private final Answering answering;

	QuestionGroups(Answering answering) {
		this.answering = answering;
	}

	private static final class Group {

		final Question first;

		final float[] vector;

		final Set<String> words;

		final List<Question> members = new ArrayList<>();

		Group(Question first, float[] vector, Set<String> words) {
			this.first = first;
			this.vector = vector;
			this.words = words;
		}
	}

	/** @param questions newest first */
	List<Gap> group(List<Question> questions, int examples) {
		if (questions.isEmpty()) {
			return List.of();
		}
		SentenceEncoder encoder = answering.encoder();
		float[][] vectors = encoder.enabled()
				? encoder.embedAll(questions.stream().map(Question::text).toList()) : null;
		List<Group> groups = new ArrayList<>();
		for (int i = 0; i < questions.size(); i++) {
			Question q = questions.get(i);
			float[] vector = vectors == null ? null : vectors[i];
			Set<String> words = words(q.text());
			Group best = null;
			double bestScore = -1;
			for (Group g : groups) {
				double score = vector != null ? cosine(vector, g.vector) : jaccard(words, g.words);
				if (score > bestScore) {
					bestScore = score;
					best = g;
				}
			}
			if (best == null || bestScore < (vector != null ? encoder.sameQuestion() : SAME_WORDS)) {
				best = new Group(q, vector, words);
				groups.add(best);
			}
			best.members.add(q);
		}
		return groups.stream()
			.sorted(Comparator.comparingInt((Group g) -> g.members.size()).reversed())
			.map(g -> new Gap(g.first.text(), g.members.size(), g.members.subList(0, Math.min(examples,
					g.members.size()))))
			.toList();
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot; // both unit length
	}

	static Set<String> words(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(w -> w.length() > 1)
			.collect(Collectors.toCollection(HashSet::new));
	}

	private static double jaccard(Set<String> a, Set<String> b) {
		if (a.isEmpty() && b.isEmpty()) {
			return 1;
		}
		Set<String> both = new HashSet<>(a);
		both.retainAll(b);
		return (double) both.size() / (a.size() + b.size() - both.size());
	}
}
