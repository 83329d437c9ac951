package nl.baken.demo;

import java.util.List;

/**
 * Who the demo webshop is: two brands with their products, the teams and their agents, and the contact reasons with
 * how often they come up, which team handles them and which team customers wrongly reach first.
 */
final class DemoOrganisation {

	record Brand(String id, String name, String orderPrefix, List<Product> products) {
	}

	record Product(String nl, String en, int priceCents) {
	}

	/** {@code ivrOption} is the key callers press in the phone menu to reach the team. */
	record Team(String id, String nameNl, String nameEn, String ivrOption) {

		String name(String language) {
			return "nl".equals(language) ? nameNl : nameEn;
		}
	}

	record Agent(String id, String firstName, String team) {
	}

	/**
	 * {@code weight}: relative share of contacts; {@code repeatChance}: how often the customer has to come back about
	 * it; {@code misroute}: where customers land first when they pick the wrong team, null when that rarely happens.
	 */
	record Reason(String id, String nameNl, String nameEn, boolean informational, boolean satisfier, String team,
			int weight, double repeatChance, Misroute misroute, String followUpReason) {
	}

	/** {@code transferReason} is what the agent of the wrong team writes when passing the contact on. */
	record Misroute(String wrongTeam, String transferReason) {
	}

	static final List<Brand> BRANDS = List.of(
			new Brand("tuinhuys", "Tuinhuys", "TH", List.of(
					new Product("loungeset Ibiza", "Ibiza lounge set", 89_900),
					new Product("parasol Riviera 3 m", "Riviera parasol 3 m", 14_995),
					new Product("kamado-barbecue Kolos", "Kolos kamado barbecue", 64_900),
					new Product("accu-grasmaaier GM-36", "GM-36 cordless lawn mower", 27_900),
					new Product("vuurschaal Ø 60 cm", "fire bowl Ø 60 cm", 8_995),
					new Product("plantenbak Corten 80 cm", "Corten planter 80 cm", 11_900),
					new Product("tuinset Verona 6-persoons", "Verona 6-seat garden set", 124_900),
					new Product("hogedrukreiniger Aqua 140", "Aqua 140 pressure washer", 19_900))),
			new Brand("kookgraag", "Kookgraag", "KG", List.of(
					new Product("pannenset Chef 5-delig", "Chef 5-piece pan set", 22_900),
					new Product("koksmes Santoku 18 cm", "Santoku chef's knife 18 cm", 7_995),
					new Product("espressomachine Barista Pro", "Barista Pro espresso machine", 54_900),
					new Product("gietijzeren braadpan 24 cm", "cast-iron casserole 24 cm", 13_900),
					new Product("keukenmachine Mix 1000", "Mix 1000 stand mixer", 39_900),
					new Product("airfryer Crisp XL", "Crisp XL air fryer", 12_995),
					new Product("messenblok 6-delig", "6-piece knife block", 18_900))));

	static final List<Team> TEAMS = List.of(
			new Team("orders", "Bestellingen & bezorging", "Orders & delivery", "1"),
			new Team("returns", "Retouren & terugbetalingen", "Returns & refunds", "2"),
			new Team("advice", "Productadvies", "Product advice", "3"),
			new Team("payments", "Betalingen & facturen", "Payments & invoices", "4"),
			new Team("relations", "Klantrelaties", "Customer relations", "5"));

	static final List<Agent> AGENTS = List.of(
			new Agent("anna.dejong", "Anna", "orders"),
			new Agent("mehmet.yilmaz", "Mehmet", "orders"),
			new Agent("sanne.visser", "Sanne", "orders"),
			new Agent("daan.bakker", "Daan", "orders"),
			new Agent("lotte.mulder", "Lotte", "returns"),
			new Agent("youssef.elamrani", "Youssef", "returns"),
			new Agent("emma.smit", "Emma", "returns"),
			new Agent("bram.vandijk", "Bram", "advice"),
			new Agent("fleur.degroot", "Fleur", "advice"),
			new Agent("jeroen.hendriks", "Jeroen", "advice"),
			new Agent("priya.ramdin", "Priya", "payments"),
			new Agent("tom.devries", "Tom", "payments"),
			new Agent("ingrid.bos", "Ingrid", "relations"),
			new Agent("kevin.meijer", "Kevin", "relations"));

	// Informational: the help center could have answered it. Satisfier: a contact the customer is glad to have.
	static final List<Reason> REASONS = List.of(
			new Reason("order-status", "Waar is mijn bestelling?", "Where is my order?", true, false, "orders", 20,
					0.28, null, "delivery-delayed"),
			new Reason("delivery-delayed", "Bezorging vertraagd", "Delivery delayed", false, false, "orders", 10, 0.35,
					null, "complaint"),
			new Reason("change-delivery-address", "Bezorgadres wijzigen", "Change delivery address", false, false,
					"orders", 5, 0.12, null, "order-status"),
			new Reason("cancel-order", "Bestelling annuleren", "Cancel an order", false, false, "orders", 5, 0.15,
					new Misroute("returns", "Annulering van een nog niet verzonden bestelling, hoort bij bestellingen"),
					"refund-status"),
			new Reason("damaged-product", "Beschadigd product ontvangen", "Damaged product received", false, false,
					"returns", 8, 0.28, new Misroute("orders", "Schade bij levering, hoort bij retouren"),
					"delivery-delayed"),
			new Reason("return-request", "Retour aanmelden", "Return request", false, false, "returns", 10, 0.22,
					new Misroute("orders", "Klant wil retourneren, doorgezet naar retouren"), "refund-status"),
			new Reason("refund-status", "Status terugbetaling", "Refund status", true, false, "returns", 8, 0.32,
					new Misroute("payments", "Terugbetaling van een retour, dat verwerkt retouren"), "complaint"),
			new Reason("product-advice", "Productadvies", "Product advice", false, true, "advice", 9, 0.08, null,
					"product-availability"),
			new Reason("product-availability", "Voorraad en levertijd", "Stock and delivery time", true, true, "advice",
					5, 0.08, new Misroute("orders", "Vraag over voorraad, productadvies weet dit"), "product-advice"),
			new Reason("warranty-claim", "Garantieclaim", "Warranty claim", false, false, "advice", 5, 0.25,
					new Misroute("returns", "Garantie, geen retour: technische beoordeling door productadvies"),
					"complaint"),
			new Reason("invoice-question", "Vraag over factuur", "Invoice question", true, false, "payments", 6, 0.12,
					new Misroute("orders", "Factuurvraag, hoort bij betalingen"), "payment-failed"),
			new Reason("payment-failed", "Betaling mislukt", "Payment failed", false, false, "payments", 6, 0.22,
					new Misroute("orders", "Betaalprobleem, doorgezet naar betalingen"), "invoice-question"),
			new Reason("complaint", "Klacht over service of medewerker", "Complaint about service or an agent", false,
					false, "relations", 3, 0.2,
					new Misroute("orders", "Klacht over eerdere afhandeling, escaleren naar klantrelaties"),
					"complaint"));

	private DemoOrganisation() {
	}

	static Team team(String id) {
		return TEAMS.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
	}

	static Reason reason(String id) {
		return REASONS.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
	}

	static List<Agent> agentsOf(String team) {
		return AGENTS.stream().filter(a -> a.team().equals(team)).toList();
	}
}
