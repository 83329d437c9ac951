package nl.baken.answering.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.baken.access.Integrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the shop integration ({@code baken.answering.bot.order-integration}, default {@code shop}) for an order's
 * status: a signed {@code POST /orders/status} with {@code {"orderNumber": …}}, answered with {@code status}
 * (received, packed, shipped, delivered, delayed, cancelled), optional {@code expectedDelivery} (ISO date),
 * {@code carrier} and {@code trackingUrl}, or 404. Anything else — no answer within the timeout, an error, a status
 * the bot does not know — is a failure, never a guess. After {@code failures} failures in a row the circuit opens for
 * {@code open-for}: the bot then hands off at once instead of making every customer wait for the timeout.
 */
@Component
public class OrderStatusClient {

	static final Set<String> STATUSES = Set.of("received", "packed", "shipped", "delivered", "delayed", "cancelled");

	private static final Logger log = LoggerFactory.getLogger(OrderStatusClient.class);

	private final Integrations integrations;

	private final Clock clock;

	private final String integration;

	private final Duration timeout;

	private final int failuresToOpen;

	private final Duration openFor;

	private final JsonMapper json = JsonMapper.builder().build();

	private int failures;

	private Instant openUntil = Instant.MIN;

	OrderStatusClient(Integrations integrations, Clock clock,
			@Value("${baken.answering.bot.order-integration:shop}") String integration,
			@Value("${baken.answering.bot.lookup-timeout:PT3S}") Duration timeout,
			@Value("${baken.answering.bot.circuit.failures:3}") int failuresToOpen,
			@Value("${baken.answering.bot.circuit.open-for:PT30S}") Duration openFor) {
		this.integrations = integrations;
		this.clock = clock;
		this.integration = integration;
		this.timeout = timeout;
		this.failuresToOpen = failuresToOpen;
		this.openFor = openFor;
	}

	public OrderLookup lookup(String orderNumber) {
		synchronized (this) {
			if (clock.instant().isBefore(openUntil)) {
				return OrderLookup.failed(orderNumber, "circuit open");
			}
		}
		OrderLookup result;
		try {
			Integrations.Answer answer = integrations.post(integration, "/orders/status", UUID.randomUUID().toString(),
					json.writeValueAsString(Map.of("orderNumber", orderNumber)), timeout);
			result = read(orderNumber, answer);
		}
		catch (Integrations.Unreachable e) {
			result = OrderLookup.failed(orderNumber, e.getMessage());
		}
		record(result);
		return result;
	}

	private OrderLookup read(String orderNumber, Integrations.Answer answer) {
		if (answer.status() == 404) {
			return OrderLookup.notFound(orderNumber);
		}
		if (!answer.ok()) {
			return OrderLookup.failed(orderNumber, "HTTP " + answer.status());
		}
		try {
			JsonNode body = json.readTree(answer.body());
			String status = body.path("status").asString("");
			if (!STATUSES.contains(status)) {
				return OrderLookup.failed(orderNumber, "unknown status '" + status + "'");
			}
			String expected = body.path("expectedDelivery").asString(null);
			String tracking = body.path("trackingUrl").asString(null);
			return new OrderLookup(OrderLookup.Kind.FOUND, orderNumber, status,
					expected == null ? null : LocalDate.parse(expected), body.path("carrier").asString(null),
					tracking != null && tracking.startsWith("https://") ? tracking : null, null);
		}
		catch (RuntimeException e) {
			return OrderLookup.failed(orderNumber, "unreadable answer");
		}
	}

	private synchronized void record(OrderLookup result) {
		if (result.kind() != OrderLookup.Kind.FAILED) {
			failures = 0;
			return;
		}
		failures++;
		log.warn("order look-up failed ({} in a row): {}", failures, result.detail());
		if (failures >= failuresToOpen) {
			openUntil = clock.instant().plus(openFor);
			failures = 0;
		}
	}
}
