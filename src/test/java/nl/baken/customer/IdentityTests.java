package nl.baken.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import nl.baken.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTests {

	@ParameterizedTest
	@ValueSource(strings = { "0612345678", "06-12345678", "06 1234 5678", "+31 6 12345678", "0031612345678",
			"+31(0)612345678", " +31612345678 " })
	void dutchMobileNumbersInEveryCommonNotationAreOneNumber(String written) {
		assertThat(Identity.phone(written).value()).isEqualTo("+31612345678");
	}

	@Test
	void aWhatsappIdIsThePhoneNumberWithoutThePlus() {
		Identity whatsapp = Identity.whatsapp("31612345678");
		assertThat(whatsapp.value()).isEqualTo("+31612345678");
		assertThat(whatsapp.asPhone()).isEqualTo(Identity.phone("06 12345678"));
		assertThat(Identity.whatsapp("4915123456789").value()).isEqualTo("+4915123456789");
	}

	@Test
	void emailAddressesAreCaseInsensitive() {
		assertThat(Identity.email("  Jan.de.Vries@Example.NL ")).isEqualTo(Identity.email("jan.de.vries@example.nl"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "jan", "jan@", "@example.nl", "jan@example", "jan @example.nl", "a@b@c.nl" })
	void notAnEmailAddress(String written) {
		assertThatThrownBy(() -> Identity.email(written)).isInstanceOf(InvalidInputException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "12", "06123", "0000000000", "tel:onbekend", "+999 1234" })
	void notAPhoneNumber(String written) {
		assertThatThrownBy(() -> Identity.phone(written)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void externalIdsNameTheirSystem() {
		assertThat(Identity.external("Shop", "K-1234")).isEqualTo(new Identity(IdentityKind.EXTERNAL, "shop", "K-1234"));
		assertThatThrownBy(() -> Identity.external("my shop", "1")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> Identity.webVisitor("<script>")).isInstanceOf(InvalidInputException.class);
	}

	/** Random printable junk never slips through as an identity, and whatever is accepted is stable. */
	@Test
	void randomInputIsEitherRefusedOrNormalisedIdempotently() {
		Random random = new Random(20261123);
		for (int i = 0; i < 5_000; i++) {
			StringBuilder raw = new StringBuilder();
			int length = random.nextInt(20);
			for (int c = 0; c < length; c++) {
				raw.append((char) (random.nextBoolean() ? '0' + random.nextInt(10) : 32 + random.nextInt(95)));
			}
			try {
				Identity phone = Identity.phone(raw.toString());
				assertThat(phone.value()).matches("\\+[1-9][0-9]{6,14}");
				assertThat(Identity.phone(phone.value())).isEqualTo(phone);
			}
			catch (InvalidInputException refused) {
				assertThat(refused.field()).isEqualTo("phone");
			}
			try {
				Identity email = Identity.email(raw.toString());
				assertThat(Identity.email(email.value())).isEqualTo(email);
				assertThat(email.value()).doesNotContain(" ").contains("@");
			}
			catch (InvalidInputException refused) {
				assertThat(refused.field()).isEqualTo("email");
			}
		}
	}
}
