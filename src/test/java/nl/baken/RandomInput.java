package nl.baken;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Random input for tests of parsers and matchers, Lucene style: each try has its own seed, printed when it fails, and
 * {@code -Dbaken.test.seed=N} repeats a run exactly.
 */
public final class RandomInput {

	private static final long SEED = Long.getLong("baken.test.seed", System.nanoTime());

	private RandomInput() {
	}

	/** Runs {@code check} {@code tries} times, each with a random source of its own seed. */
	public static void tries(int tries, Check check) {
		for (int i = 0; i < tries; i++) {
			long seed = SEED + i;
			try {
				check.run(new Random(seed));
			}
			catch (AssertionError | RuntimeException e) {
				throw new AssertionError("failed with -Dbaken.test.seed=" + seed + ": " + e, e);
			}
		}
	}

	@FunctionalInterface
	public interface Check {

		void run(Random random);
	}

	public static byte[] bytes(Random random, int maxLength) {
		byte[] bytes = new byte[random.nextInt(maxLength + 1)];
		random.nextBytes(bytes);
		return bytes;
	}

	/** Any characters, control characters and surrogates included, up to {@code maxLength}. */
	public static String text(Random random, int maxLength) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(maxLength + 1);
		for (int i = 0; i < length; i++) {
			text.append(switch (random.nextInt(4)) {
				case 0 -> (char) random.nextInt(0x20);
				case 1 -> (char) (0x20 + random.nextInt(0x5f));
				case 2 -> (char) random.nextInt(0x10000);
				default -> "äéëïöüßçñ€ ".charAt(random.nextInt(11));
			});
		}
		return text.toString();
	}

	public static <T> T oneOf(Random random, List<T> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

	/** Up to {@code maxSize} elements, each made by {@code element}. */
	public static <T> List<T> listOf(Random random, int maxSize, Function<Random, T> element) {
		int size = random.nextInt(maxSize + 1);
		List<T> list = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			list.add(element.apply(random));
		}
		return list;
	}
}
