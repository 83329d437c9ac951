package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.customer.Brands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@DatabaseTest
/** On routing's own database: the phone calls these tests replay would otherwise show in other tests' history. */
class IvrMenuApiTests extends RoutingTestSupport {

	static final String MENUS = "/api/v1/routing/ivr-menus";

	static final String EVENTS = "/api/v1/channels/telephony/events";

	@Autowired
	Teams teams;

	@Autowired
	Brands brands;

	@Autowired
	Routing routing;

	@Autowired
	Conversations conversations;


	String admin;

	String brand;

	String sales;

	String service;

	String profile;

	String skill;

	String number;

	@BeforeEach
	void setUp() {
		admin = token(Scope.ROUTING);
		brand = unique("b");
		brands.define(brand, "Brand");
		sales = unique("t");
		service = unique("t");
		teams.define(sales, "Verkoop", "Sales");
		teams.define(service, "Service", "Service");
		skill = unique("s");
		routing.defineSkill(new Skill(skill, "Retouren", "Returns"), nl.baken.shared.Actor.system("test"));
		profile = unique("p");
		routing.defineProfile(new RequirementProfile("ivr", profile, null, 3, java.util.Map.of(skill, 4)),
				nl.baken.shared.Actor.system("test"));
		number = "+3120" + (System.nanoTime() % 10_000_000);
	}

	/** 1: sales; 2: a submenu with 1: returns (service + profile) and #: other (service). */
	String menu(String number) {
		return """
				{"brandId":"%s","number":"%s","name":"Hoofdmenu","options":[
				 {"key":"1","labelNl":"Bestellen","labelEn":"Ordering","target":{"teamId":"%s"}},
				 {"key":"2","labelNl":"Service","labelEn":"Service","options":[
				   {"key":"1","labelNl":"Retourneren","labelEn":"Returns","target":{"teamId":"%s","profileKey":"%s"}},
				   {"key":"#","labelNl":"Overig","labelEn":"Other","target":{"teamId":"%s"}}]}]}"""
			.formatted(brand, number, sales, service, profile, service);
	}

	MvcTestResult put(String token, String uri, String body) {
		return send("PUT", token, uri, body);
	}

	MvcTestResult post(String token, String uri, String body) {
		return send("POST", token, uri, body);
	}

	/** GET that must answer 200; the JSON body. */
	JsonNode get(String token, String uri) throws Exception {
		MvcTestResult result = mvc.get().uri(uri).header("Authorization", token).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return json.readTree(result.getResponse().getContentAsString());
	}

	JsonNode created(String body) throws Exception {
		MvcTestResult result = post(admin, MENUS, body);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return json.readTree(result.getResponse().getContentAsString());
	}

	@Test
	void aMenuIsStoredReplacedAndServedToTheIvr() throws Exception {
		JsonNode menu = created(menu(number));
		String id = menu.path("id").asString();
		assertThat(menu.path("options").path(1).path("options").path(0).path("code").asString()).isEqualTo("21");
		JsonNode read = get(admin, MENUS + "/" + id);
		assertThat(read.path("options").path(1).path("options").path(1).path("labelEn").asString()).isEqualTo("Other");
		assertThat(read.path("options").path(1).path("options").path(0).path("target").path("profileKey").asString())
			.isEqualTo(profile);

		// the PBX reads it with the token it reports calls with; routing scope alone is not enough
		String pbx = token(Scope.TELEPHONY_WRITE);
		JsonNode served = get(pbx, MENUS + "/numbers/" + number);
		assertThat(served.path("id").asString()).isEqualTo(id);
		assertThat(mvc.get().uri(MENUS + "/numbers/" + number).header("Authorization", admin).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get().uri(MENUS + "/numbers/0000000").header("Authorization", pbx).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);

		String replaced = menu(number).replace("\"Hoofdmenu\"", "\"Nieuw\"").replace("\"Bestellen\"", "\"Kopen\"");
		MvcTestResult result = put(admin, MENUS + "/" + id, replaced);
		assertThat(result).hasStatus(HttpStatus.OK);
		JsonNode again = get(pbx, MENUS + "/numbers/" + number);
		assertThat(again.path("name").asString()).isEqualTo("Nieuw");
		assertThat(again.path("options").path(0).path("labelNl").asString()).isEqualTo("Kopen");

		// one menu per number of a brand
		assertThat(post(admin, MENUS, menu(number))).hasStatus(HttpStatus.CONFLICT);
		assertThat(put(admin, MENUS + "/" + UUID.randomUUID(), menu(number))).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void badMenusAreRefusedWithAProblem() throws Exception {
		record Case(String from, String to, String says) {
		}
		String other = "+3130" + (System.nanoTime() % 10_000_000);
		for (Case c : new Case[] { new Case("\"key\":\"#\"", "\"key\":\"1\"", "appears twice"),
				new Case("\"key\":\"#\"", "\"key\":\"A\"", "0-9, * or #"),
				new Case(",\"target\":{\"teamId\":\"" + sales + "\"}", "", "either a submenu or a target"),
				new Case("\"labelEn\":\"Ordering\",", "", "English label"),
				new Case("\"profileKey\":\"" + profile + "\"", "\"profileKey\":\"nope\"", "requirement profile"),
				new Case("\"teamId\":\"" + sales + "\"", "\"teamId\":\"nope\"", "unknown team"),
				new Case("\"brandId\":\"" + brand + "\"", "\"brandId\":\"nope\"", "unknown brand"),
				new Case("\"options\":[\n {\"key\":\"1\"", "\"options\":[]", "at least one option"), }) {
			String body = menu(other).replace(c.from(), c.to());
			if (c.says().equals("at least one option")) {
				body = "{\"brandId\":\"%s\",\"number\":\"%s\",\"name\":\"x\",\"options\":[]}".formatted(brand, other);
			}
			assertThat(body).as(c.says()).isNotEqualTo(menu(other));
			MvcTestResult result = post(admin, MENUS, body);
			assertThat(result).as(c.says()).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
			assertThat(result.getResponse().getContentAsString()).as(c.says()).contains(c.says());
		}
		// deeper than the limit
		String leaf = "{\"key\":\"1\",\"labelNl\":\"a\",\"labelEn\":\"a\",\"target\":{\"teamId\":\"%s\"}}".formatted(sales);
		String tree = leaf;
		for (int i = 0; i < IvrMenus.MAX_DEPTH; i++) {
			tree = "{\"key\":\"1\",\"labelNl\":\"a\",\"labelEn\":\"a\",\"options\":[" + tree + "]}";
		}
		MvcTestResult deep = post(admin, MENUS,
				"{\"brandId\":\"%s\",\"number\":\"%s\",\"name\":\"x\",\"options\":[%s]}".formatted(brand, other, tree));
		assertThat(deep).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(deep.getResponse().getContentAsString()).contains("levels deep");
		assertThat(post(admin, MENUS, menu("12ab"))).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(get(admin, MENUS).findValues("number").stream().map(JsonNode::asString)).doesNotContain(other);
	}

	String call(String pbx, String callId, int event, String type, Instant at, String extra) throws Exception {
		String body = "{\"callId\":\"%s\",\"eventId\":\"%d\",\"type\":\"%s\",\"occurredAt\":\"%s\",\"caller\":\"+31612345678\",\"brand\":\"%s\"%s}"
			.formatted(callId, event, type, at, brand, extra.isEmpty() ? "" : "," + extra);
		MvcTestResult result = post(pbx, EVENTS, body);
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString()).path("conversationId").asString();
	}

	/** A call through the menu: options chosen in order, then queued, answered, maybe transferred, ended. */
	String replay(String pbx, String menuId, Instant t, boolean transferred, String... codes) throws Exception {
		String callId = unique("call");
		int n = 0;
		String conversation = call(pbx, callId, ++n, "offered", t, "");
		call(pbx, callId, ++n, "ivr_entered", t.plusSeconds(1), "\"menu\":\"" + menuId + "\"");
		for (String code : codes) {
			call(pbx, callId, ++n, "ivr_option_chosen", t.plusSeconds(1 + n),
					"\"menu\":\"%s\",\"option\":\"%s\"".formatted(menuId, code));
		}
		call(pbx, callId, ++n, "queued", t.plusSeconds(20), "\"queue\":\"" + service + "\"");
		call(pbx, callId, ++n, "answered", t.plusSeconds(40), "\"agent\":\"agent-a\"");
		if (transferred) {
			call(pbx, callId, ++n, "transferred", t.plusSeconds(90),
					"\"agent\":\"agent-a\",\"toQueue\":\"" + sales + "\",\"reason\":\"wrong queue\"");
		}
		call(pbx, callId, ++n, "ended", t.plusSeconds(200), "");
		return conversation;
	}

	@Test
	void misroutesPerOptionCountCallsTransferredAfterTheirChoice() throws Exception {
		String id = created(menu(number)).path("id").asString();
		String pbx = token(Scope.TELEPHONY_WRITE);
		Instant t = Instant.parse("2025-05-05T09:00:00Z");
		// option 1: 3 calls, 1 transferred; option 21: 2 calls, 2 transferred; option 2#: 1 call, none
		replay(pbx, id, t, false, "1");
		replay(pbx, id, t.plusSeconds(600), false, "1");
		replay(pbx, id, t.plusSeconds(1200), true, "1");
		replay(pbx, id, t.plusSeconds(1800), true, "2", "21");
		replay(pbx, id, t.plusSeconds(2400), true, "2", "21");
		replay(pbx, id, t.plusSeconds(3000), false, "2", "2#");
		// another menu's choices and a call outside the period do not count
		replay(pbx, UUID.randomUUID().toString(), t, true, "1");
		replay(pbx, id, t.plusSeconds(7200), true, "1");

		JsonNode rows = get(admin, MENUS + "/" + id + "/misroutes?from=" + t + "&to=" + t.plusSeconds(3600));
		assertThat(rows).hasSize(4);
		assertRow(rows.path(0), "1", 3, 1);
		assertRow(rows.path(1), "2", 3, 2);
		assertRow(rows.path(2), "21", 2, 2);
		assertRow(rows.path(3), "2#", 1, 0);
		assertThat(rows.path(0).path("share").asDouble()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(rows.path(2).path("labelNl").asString()).isEqualTo("Retourneren");

		assertThat(mvc.get().uri(MENUS + "/" + id + "/misroutes?from=" + t + "&to=" + t).header("Authorization", admin).exchange())
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(mvc.get().uri(MENUS + "/" + id + "/misroutes?from=" + t + "&to=" + t.plusSeconds(1)).header("Authorization", pbx).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	static void assertRow(JsonNode row, String code, long calls, long transferred) {
		assertThat(row.path("code").asString()).isEqualTo(code);
		assertThat(row.path("calls").asLong()).as(code).isEqualTo(calls);
		assertThat(row.path("transferred").asLong()).as(code).isEqualTo(transferred);
	}

	@Test
	void aCallThatChoseAnOptionIsRoutedWithItsTeamAndProfile() throws Exception {
		String id = created(menu(number)).path("id").asString();
		String pbx = token(Scope.TELEPHONY_WRITE);
		Instant t = Instant.now().minusSeconds(60);
		String callId = unique("call");
		String conversation = call(pbx, callId, 1, "offered", t, "");
		call(pbx, callId, 2, "ivr_entered", t.plusSeconds(1), "\"menu\":\"" + id + "\"");
		call(pbx, callId, 3, "ivr_option_chosen", t.plusSeconds(3), "\"menu\":\"%s\",\"option\":\"2\"".formatted(id));
		call(pbx, callId, 4, "ivr_option_chosen", t.plusSeconds(6), "\"menu\":\"%s\",\"option\":\"21\"".formatted(id));
		call(pbx, callId, 5, "queued", t.plusSeconds(8), "\"queue\":\"" + service + "\"");

		var view = conversations.find(new ConversationId(UUID.fromString(conversation))).orElseThrow();
		RoutedWork work = routing.enqueue(view, null, Instant.now());
		assertThat(work.teamId()).isEqualTo(service);
		assertThat(work.skills()).containsEntry(skill, 4);

		// a call that chose an option without a profile goes to the option's team with no skill needs
		String plain = unique("call");
		String other = call(pbx, plain, 1, "offered", t, "");
		call(pbx, plain, 2, "ivr_option_chosen", t.plusSeconds(3), "\"menu\":\"%s\",\"option\":\"1\"".formatted(id));
		RoutedWork sold = routing.enqueue(conversations.find(new ConversationId(UUID.fromString(other))).orElseThrow(),
				null, Instant.now());
		assertThat(sold.teamId()).isEqualTo(sales);
		assertThat(sold.skills()).doesNotContainKey(skill);
	}

	String page(String uri, String username) throws Exception {
		MvcTestResult result = mvc.get().uri(uri).with(user(username)).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return result.getResponse().getContentAsString();
	}

	@Test
	void teamLeadsSeeMisroutesPerOptionInDutchAndEnglish() throws Exception {
		String id = created(menu(number).replace("\"Hoofdmenu\"", "\"<b>Hoofdmenu</b>\"")).path("id").asString();
		String pbx = token(Scope.TELEPHONY_WRITE);
		Instant t = Instant.now().minusSeconds(3600);
		replay(pbx, id, t, true, "1");
		replay(pbx, id, t.plusSeconds(300), false, "1");
		String lead = "lead" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Lead", "correct horse battery", EnumSet.of(Role.TEAM_LEAD), null, "en"),
				nl.baken.shared.Actor.system("test"));
		String leidster = "leid" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(leidster, "Leid", "correct horse battery", EnumSet.of(Role.TEAM_LEAD), null, "nl"),
				nl.baken.shared.Actor.system("test"));

		String english = page("/desk/ivr", lead);
		assertThat(english).contains("Phone menus", "Transferred afterwards", "Ordering", number)
			.contains("&lt;b&gt;Hoofdmenu&lt;/b&gt;")
			.doesNotContain("<b>Hoofdmenu");
		String row = english.substring(english.indexOf("data-code=\"1\"", english.indexOf(number)));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row).contains("<td class=\"calls\">2</td>", "<td class=\"transferred\">1</td>", "50.0 %");
		assertThat(page("/desk/ivr?days=30", leidster)).contains("Keuzemenu", "Daarna doorverbonden", "Bestellen",
				"Afgelopen 30 dagen");

		String agent = "agent" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Agent", "correct horse battery", EnumSet.of(Role.AGENT), null, "en"),
				nl.baken.shared.Actor.system("test"));
		assertThat(mvc.get().uri("/desk/ivr").with(user(agent))).hasStatus(HttpStatus.NOT_FOUND);
	}
}
