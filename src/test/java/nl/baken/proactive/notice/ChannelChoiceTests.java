package nl.baken.proactive.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import nl.baken.customer.CustomerProfile;
import nl.baken.customer.CustomerProfile.Consent;
import nl.baken.customer.CustomerProfile.IdentityView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The channel choice as a table: preference, identities, consent and adapters in, outcome and channel out. */
class ChannelChoiceTests {

	@ParameterizedTest(name = "{0} {1} proactive={2} whatsapp={3} adapters={4} sendable={5} -> {6} {7}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# preferred | identities           | proactive | whatsapp | adapters | sendable             | outcome     | channel
			-           | email                | true      | false    | -        | email,whatsapp,sms   | queued      | email
			whatsapp    | email,whatsapp       | true      | true     | -        | email,whatsapp,sms   | queued      | whatsapp
			whatsapp    | email,whatsapp       | true      | false    | -        | email,whatsapp,sms   | queued      | email
			whatsapp    | whatsapp             | true      | false    | -        | email,whatsapp,sms   | no_channel  | -
			email       | whatsapp             | true      | true     | -        | email,whatsapp,sms   | queued      | whatsapp
			-           | email,whatsapp       | false     | true     | -        | email,whatsapp,sms   | no_consent  | -
			-           | -                    | false     | false    | -        | email,whatsapp,sms   | no_consent  | -
			-           | web_visitor          | true      | true     | -        | email,whatsapp,sms   | no_channel  | -
			-           | phone                | true      | true     | -        | email,whatsapp,sms   | no_channel  | -
			-           | phone                | true      | true     | sms      | email,whatsapp,sms   | queued      | sms
			sms         | email,phone          | true      | false    | sms      | email,whatsapp,sms   | queued      | sms
			sms         | email,phone          | true      | false    | -        | email,whatsapp,sms   | queued      | email
			webchat     | email,web_visitor    | true      | false    | -        | email,whatsapp,sms   | queued      | email
			whatsapp    | email,whatsapp       | true      | true     | -        | email                | queued      | email
			whatsapp    | whatsapp             | true      | true     | -        | email                | no_template | whatsapp
			""")
	void choosesThePreferredReachableConsentedChannel(String preferred, String identities, boolean proactive,
			boolean whatsapp, String adapters, String sendable, String outcome, String channel) {
		CustomerProfile customer = new CustomerProfile(UUID.randomUUID(), "Klant", null, identities(identities),
				List.of(), preferred, "nl", new Consent(proactive, whatsapp, false), List.of(), Instant.now(), null);
		ChannelChoice.Choice choice = ChannelChoice.choose(customer, set(adapters), set(sendable)::contains);
		assertThat(choice.outcome()).isEqualTo(outcome);
		assertThat(choice.channel()).isEqualTo(channel);
	}

	private static List<IdentityView> identities(String kinds) {
		return kinds == null ? List.of()
				: Arrays.stream(kinds.split(",")).map(k -> new IdentityView(k, "", k + "-value", null)).toList();
	}

	private static Set<String> set(String list) {
		return list == null ? Set.of() : Set.of(list.split(","));
	}
}
