package nl.baken.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.AuditLog;
import nl.baken.access.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@DatabaseTest
class CustomerMergeTests extends ApiTestSupport {

	@Autowired
	AuditLog audit;

	@Test
	void aMergeJoinsTwoHistoriesIsAuditedAndCanBeUndone() throws Exception {
		String token = token();
		String byMail = customerOf(token, "email", "{\"email\":\"" + unique("m") + "@example.nl\"}");
		String phone = "+3130" + (1_000_000 + (int) (Math.random() * 8_999_999));
		String byPhone = customerOf(token, "phone", "{\"phone\":\"" + phone + "\"}");
		assertThat(byPhone).isNotEqualTo(byMail);

		MvcTestResult merge = post(token, "/api/v1/customers/" + byMail + "/merges",
				"{\"customerId\":\"" + byPhone + "\",\"reason\":\"Zelfde klant, belde vanaf vaste lijn\"}");
		assertThat(merge).hasStatus(HttpStatus.CREATED);
		String mergeId = json.readTree(merge.getResponse().getContentAsString()).get("mergeId").asString();

		assertThat(timelineChannels(token, byMail)).containsExactlyInAnyOrder("email", "phone");
		assertThat(get(token, "/api/v1/customers?phone=" + phone).get("id").asString()).isEqualTo(byMail);
		assertThat(get(token, "/api/v1/customers/" + byPhone).get("mergedInto").asString()).isEqualTo(byMail);

		assertThat(post(token, "/api/v1/customers/" + byMail + "/merges",
				"{\"customerId\":\"" + byPhone + "\",\"reason\":\"nogmaals\"}")).hasStatus(HttpStatus.CONFLICT);

		assertThat(post(token, "/api/v1/customer-merges/" + mergeId + "/undo", "")).hasStatus(HttpStatus.OK);
		assertThat(get(token, "/api/v1/customers?phone=" + phone).get("id").asString()).isEqualTo(byPhone);
		assertThat(timelineChannels(token, byMail)).containsExactly("email");
		assertThat(timelineChannels(token, byPhone)).containsExactly("phone");
		assertThat(post(token, "/api/v1/customer-merges/" + mergeId + "/undo", "")).hasStatus(HttpStatus.CONFLICT);

		List<AuditLog.Entry> entries = audit.forSubject("customer", byMail);
		assertThat(entries).extracting(AuditLog.Entry::action).containsExactly("customer.merged", "customer.unmerged");
		assertThat(entries.getFirst().details()).containsEntry("reason", "Zelfde klant, belde vanaf vaste lijn")
			.containsEntry("merged", byPhone);
		assertThat(entries.getFirst().actor()).startsWith("system:token:");
	}

	@Test
	void aNewContactFromAMergedIdentityLandsWithTheSurvivingCustomer() throws Exception {
		String token = token();
		String survivor = customerOf(token, "email", "{\"email\":\"" + unique("s") + "@example.nl\"}");
		String visitor = unique("visitor");
		String merged = customerOf(token, "webchat", "{\"webVisitorId\":\"" + visitor + "\"}");
		assertThat(post(token, "/api/v1/customers/" + survivor + "/merges",
				"{\"customerId\":\"" + merged + "\",\"reason\":\"ingelogd in de chat\"}"))
			.hasStatus(HttpStatus.CREATED);
		assertThat(customerOf(token, "webchat", "{\"webVisitorId\":\"" + visitor + "\"}")).isEqualTo(survivor);
	}

	@Test
	void aMergeNeedsAReasonTheRightScopeAndExistingCustomers() throws Exception {
		String token = token();
		String a = customerOf(token, "email", "{\"email\":\"" + unique("a") + "@example.nl\"}");
		String b = customerOf(token, "email", "{\"email\":\"" + unique("b") + "@example.nl\"}");
		assertThat(post(token, "/api/v1/customers/" + a + "/merges", "{\"customerId\":\"" + b + "\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(post(token, "/api/v1/customers/" + a + "/merges",
				"{\"customerId\":\"" + UUID.randomUUID() + "\",\"reason\":\"x\"}")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(post(token(Scope.CUSTOMERS_READ), "/api/v1/customers/" + a + "/merges",
				"{\"customerId\":\"" + b + "\",\"reason\":\"x\"}")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(get(token, "/api/v1/customers/" + b).get("mergedInto").isNull()).isTrue();
	}

	private String customerOf(String token, String channel, String sender) throws Exception {
		MvcTestResult result = post(token, "/api/v1/inbound", """
				{"channel":"%s","providerMessageId":"%s","sender":%s,"text":"Hallo","sentAt":"2026-11-21T08:00:00Z"}"""
			.formatted(channel, unique("p"), sender));
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString()).get("customerId").asString();
	}

	private List<String> timelineChannels(String token, String customer) throws Exception {
		return get(token, "/api/v1/customers/" + customer + "/timeline").get("conversations")
			.valueStream()
			.map(c -> c.get("conversation").get("channel").asString())
			.distinct()
			.toList();
	}
}
