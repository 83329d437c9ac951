package nl.baken.answering;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The deployment's matcher settings ({@code baken.answering.*}): answer and suggest thresholds and the embedding
 * model. Trains {@link QuestionMatcher}s with them; the embedding model is loaded on first use, so a node that never
 * answers questions never loads it.
 */
@Service
public class Answering {

	private final Thresholds thresholds;

	private final String model;

	private final String tokenizer;

	private final String pooling;

	private final Double sameQuestion;

	private SentenceEncoder encoder;

	Answering(@Value("${baken.answering.answer-threshold:0.6}") double answer,
			@Value("${baken.answering.suggest-threshold:0.3}") double suggest,
			@Value("${baken.answering.embedding.model:" + SentenceEncoder.BUNDLED + "}") String model,
			@Value("${baken.answering.embedding.tokenizer:}") String tokenizer,
			@Value("${baken.answering.embedding.pooling:mean}") String pooling,
			@Value("${baken.answering.embedding.same-question:}") Double sameQuestion) {
		this.thresholds = new Thresholds(answer, suggest);
		this.model = model;
		this.tokenizer = tokenizer;
		this.pooling = pooling;
		this.sameQuestion = sameQuestion;
	}

	public Thresholds thresholds() {
		return thresholds;
	}

	/** A matcher for these examples with the deployment's thresholds and embedding model. */
	public QuestionMatcher train(List<Example> examples) {
		return QuestionMatcher.train(examples, encoder(), thresholds);
	}

	/** The deployment's sentence encoder, loaded on first use; also what other modules group texts by meaning with. */
	public synchronized SentenceEncoder encoder() {
		if (encoder == null) {
			SentenceEncoder configured = SentenceEncoder.configured(model, tokenizer, pooling);
			encoder = sameQuestion == null ? configured : configured.withSameQuestion(sameQuestion);
		}
		return encoder;
	}
}
