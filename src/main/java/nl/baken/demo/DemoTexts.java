package nl.baken.demo;

import java.util.List;
import java.util.Map;

import nl.baken.conversation.InboundMessage.Attachment;

/**
 * What customers and agents write in the demo, per contact reason, in Dutch and English. Placeholders in braces are
 * filled per contact: {@code {name}} the customer's first name, {@code {agent}} the agent's, and order details.
 * Agents' internal notes are in Dutch: the team is Dutch, whatever language the customer speaks.
 */
final class DemoTexts {

	/** {@code ask} is the agent's question when details are missing, {@code answer} the customer's reply to it. */
	record Wording(String subject, List<String> openers, String ask, String answer, List<String> replies) {
	}

	record Script(Wording nl, Wording en, String note, List<Attachment> answerAttachments) {

		Wording in(String language) {
			return "nl".equals(language) ? nl : en;
		}
	}

	static final String REPEAT_NL = "Ik heb hier eerder al contact over gehad, maar het is nog steeds niet opgelost. ";

	static final String REPEAT_EN = "I contacted you about this before, but it still isn't sorted. ";

	static final List<String> THANKS_NL = List.of("Top, dank je wel!", "Super, bedankt voor de snelle hulp 👍",
			"Oké, duidelijk. Bedankt!", "Fijn, dank u wel.", "Helemaal goed, bedankt!");

	static final List<String> THANKS_EN = List.of("Great, thanks!", "Perfect, thank you for the quick help.",
			"OK, that's clear. Thanks!", "Brilliant, cheers!", "Thanks a lot, that helps.");

	static final String HANDOVER_NL = "Hoi {name}, hier kunnen mijn collega's van {team} je het beste mee helpen. "
			+ "Ik zet je door, een ogenblik geduld alsjeblieft.";

	static final String HANDOVER_EN = "Hi {name}, my colleagues from {team} are best placed to help you with this. "
			+ "I'm passing you on to them, one moment please.";

	static final String CALL_NL = "Inkomend gesprek, keuzemenu {option}: {team}";

	static final String CALL_EN = "Incoming call, menu option {option}: {team}";

	private static final List<Attachment> PHOTOS = List.of(
			new Attachment("schade-product.jpg", "image/jpeg", 1_843_201, null),
			new Attachment("schade-verpakking.jpg", "image/jpeg", 1_502_977, null));

	private static final List<Attachment> VIDEO = List.of(new Attachment("defect.mp4", "video/mp4", 8_912_340, null));

	static final Map<String, Script> SCRIPTS = Map.ofEntries(
			Map.entry("order-status", new Script(
					new Wording("Waar blijft bestelling {order}?", List.of(
							"Hallo, ik heb op {orderDate} besteld (ordernummer {order}) maar nog niks ontvangen. Kunnen jullie kijken waar mijn pakket is?",
							"Waar blijft mijn bestelling {order}? De track & trace doet het niet.",
							"Goedemorgen, wanneer wordt de {product} bezorgd? Bestelnummer {order}.",
							"Hoi! Is mijn bestelling al verzonden? Ordernummer {order}"),
							"Hoi {name}, dank voor je bericht. Wil je je postcode doorgeven? Dan zoek ik de zending voor je op.",
							"Mijn postcode is {postcode}.",
							List.of(
									"Hoi {name}, ik heb het nagekeken: bestelling {order} is gisteren met PostNL verzonden en wordt morgen tussen 14:00 en 17:00 bezorgd. De track & trace krijg je ook per e-mail. Groet, {agent}",
									"Hallo {name}, je pakket ligt in het sorteercentrum en wordt uiterlijk overmorgen bezorgd. Onder 'Mijn bestellingen' kun je de status ook zelf volgen. Groet, {agent}")),
					new Wording("Where is order {order}?", List.of(
							"Hi, I ordered on {orderDate} (order {order}) and haven't received anything yet. Could you check where my parcel is?",
							"Where is my order {order}? The tracking link doesn't work.",
							"Good morning, when will the {product} be delivered? Order number {order}.",
							"Hello, has my order {order} shipped yet?"),
							"Hi {name}, thanks for your message. Could you give me your postcode so I can look up the shipment?",
							"Sure, it's {postcode}.",
							List.of(
									"Hi {name}, I've checked: order {order} was shipped with PostNL yesterday and will be delivered tomorrow between 2 and 5 pm. You'll get the tracking link by e-mail as well. Kind regards, {agent}",
									"Hello {name}, your parcel is at the sorting centre and will be delivered the day after tomorrow at the latest. You can follow it yourself under 'My orders'. Kind regards, {agent}")),
					"Track & trace nagekeken, pakket onderweg; klant bezorgmoment doorgegeven.", List.of())),
			Map.entry("delivery-delayed", new Script(
					new Wording("Bezorging {order} weer uitgesteld", List.of(
							"Mijn {product} zou op {orderDate} geleverd worden, maar er is niemand geweest. Ordernummer {order}.",
							"De bezorging van bestelling {order} is wéér uitgesteld. Ik had er speciaal een dag vrij voor genomen. Wat is er aan de hand?",
							"Hallo, ik wacht al {days} dagen langer dan beloofd op mijn {product} ({order}). Kunnen jullie een nieuwe datum geven?"),
							"Hoi {name}, wat vervelend. Op welke dagen ben je de komende week thuis? Dan plan ik de levering opnieuw in.",
							"Donderdag en vrijdag ben ik de hele dag thuis.",
							List.of(
									"Hoi {name}, excuses hiervoor. De vervoerder had vertraging door drukte; je {product} staat nu ingepland voor donderdag. Als compensatie storten we de bezorgkosten terug. Groet, {agent}",
									"Hallo {name}, vervelend dat je moest wachten. Ik heb de vervoerder gebeld: de {product} wordt morgen als eerste stop van de rit bezorgd. Groet, {agent}")),
					new Wording("Delivery of {order} postponed again", List.of(
							"My {product} was supposed to arrive on {orderDate}, but nobody came. Order {order}.",
							"Delivery of order {order} has been postponed again. I took a day off for this. What is going on?",
							"Hi, I've been waiting {days} days longer than promised for my {product} ({order}). Can you give me a new date?"),
							"Hi {name}, sorry about that. Which days are you home next week? I'll book the delivery again.",
							"I'm home all day on Thursday and Friday.",
							List.of(
									"Hi {name}, apologies. The carrier was delayed by the busy season; your {product} is now booked for Thursday. We'll refund the delivery costs as compensation. Kind regards, {agent}",
									"Hello {name}, sorry you had to wait. I called the carrier: your {product} will be the first stop tomorrow. Kind regards, {agent}")),
					"Vervoerder gebeld, nieuwe leverdatum ingepland; bezorgkosten gecrediteerd.", List.of())),
			Map.entry("change-delivery-address", new Script(
					new Wording("Adreswijziging bestelling {order}", List.of(
							"Kan ik het bezorgadres van bestelling {order} nog wijzigen? We zijn net verhuisd.",
							"Hoi, ik heb per ongeluk mijn oude adres gebruikt bij order {order}. Het moet {street} worden.",
							"Graag de {product} ({order}) bij mijn werk laten bezorgen in plaats van thuis. Kan dat nog?"),
							"Hoi {name}, dat kan nog. Naar welk adres mag de bestelling?",
							"Naar {street} graag.",
							List.of(
									"Hoi {name}, gelukt: het bezorgadres van {order} is aangepast. Je krijgt een nieuwe bevestiging per e-mail. Groet, {agent}",
									"Hallo {name}, de bestelling was al bij de vervoerder, maar ik heb de adreswijziging doorgegeven. Je ziet het terug in de track & trace. Groet, {agent}")),
					new Wording("Address change for order {order}", List.of(
							"Can I still change the delivery address for order {order}? We've just moved.",
							"Hi, I accidentally used my old address for order {order}. It should be {street}.",
							"Could the {product} ({order}) be delivered to my office instead of my home?"),
							"Hi {name}, that's still possible. Which address should it go to?",
							"To {street}, please.",
							List.of(
									"Hi {name}, done: the delivery address of {order} has been changed. You'll get a new confirmation by e-mail. Kind regards, {agent}",
									"Hello {name}, the order was already with the carrier, but I've passed on the new address. You'll see it in the tracking. Kind regards, {agent}")),
					"Bezorgadres aangepast in de order en bij de vervoerder.", List.of())),
			Map.entry("cancel-order", new Script(
					new Wording("Annuleren bestelling {order}", List.of(
							"Ik wil bestelling {order} annuleren, ik heb de {product} ergens anders al gevonden.",
							"Graag mijn order {order} annuleren, ik heb per ongeluk twee keer besteld.",
							"Kan ik de {product} nog annuleren? Bestelnummer {order}."),
							"Hoi {name}, gaat het om de hele bestelling of alleen om de {product}?",
							"De hele bestelling graag.",
							List.of(
									"Hoi {name}, je bestelling {order} is geannuleerd. Het bedrag van € {amount} staat binnen 3 werkdagen weer op je rekening. Groet, {agent}",
									"Hallo {name}, de bestelling was helaas al verzonden. Weiger het pakket bij de bezorger, dan storten we het bedrag terug zodra het bij ons is. Groet, {agent}")),
					new Wording("Cancel order {order}", List.of(
							"I'd like to cancel order {order}, I found the {product} somewhere else.",
							"Please cancel my order {order}, I accidentally ordered twice.",
							"Can I still cancel the {product}? Order number {order}."),
							"Hi {name}, is it the whole order or only the {product}?",
							"The whole order, please.",
							List.of(
									"Hi {name}, your order {order} has been cancelled. The €{amount} will be back in your account within 3 working days. Kind regards, {agent}",
									"Hello {name}, unfortunately the order had already shipped. Just refuse the parcel at the door and we'll refund you once it's back with us. Kind regards, {agent}")),
					"Order geannuleerd, terugbetaling aangemaakt.", List.of())),
			Map.entry("damaged-product", new Script(
					new Wording("Beschadigd geleverd: {order}", List.of(
							"Vandaag de {product} ontvangen, maar er zit een flinke deuk in. Ordernummer {order}.",
							"De {product} is kapot aangekomen, de doos was helemaal ingedeukt. Wat nu?",
							"Bij bestelling {order} is de {product} gebroken. Ik wil graag een nieuwe."),
							"Hoi {name}, wat vervelend! Kun je een foto van de schade en van de verpakking sturen?",
							"Hierbij de foto's van de schade en van de doos.",
							List.of(
									"Hoi {name}, dank voor de foto's. We sturen kosteloos een nieuwe {product}, die binnen 2 werkdagen wordt bezorgd. De beschadigde hoef je niet terug te sturen. Groet, {agent}",
									"Hallo {name}, excuses! Je krijgt een nieuwe {product}; de bezorger neemt de beschadigde meteen mee retour. Groet, {agent}")),
					new Wording("Damaged on arrival: {order}", List.of(
							"I received the {product} today, but it has a big dent in it. Order {order}.",
							"The {product} arrived broken, the box was completely crushed. What now?",
							"In order {order} the {product} is broken. I'd like a replacement."),
							"Hi {name}, I'm sorry to hear that! Could you send a photo of the damage and of the packaging?",
							"Here are the photos of the damage and the box.",
							List.of(
									"Hi {name}, thanks for the photos. We're sending you a new {product} free of charge, delivered within 2 working days. No need to return the damaged one. Kind regards, {agent}",
									"Hello {name}, our apologies! You'll get a new {product}; the driver will take the damaged one back. Kind regards, {agent}")),
					"Schade beoordeeld op foto's, vervangend exemplaar verzonden, schade gemeld bij vervoerder.", PHOTOS)),
			Map.entry("return-request", new Script(
					new Wording("Retour {order}", List.of(
							"Ik wil de {product} retourneren, hij past toch niet. Hoe werkt dat?",
							"Hoe kan ik bestelling {order} terugsturen? Krijg ik een retourlabel?",
							"De kleur van de {product} valt tegen. Kan ik hem ruilen of retourneren?"),
							"Hoi {name}, dat kan binnen 30 dagen. Wil je het ordernummer doorgeven?",
							"Het ordernummer is {order}.",
							List.of(
									"Hoi {name}, ik heb een retourlabel naar je gemaild. Lever het pakket in bij een PostNL-punt; na ontvangst storten we € {amount} terug. Groet, {agent}",
									"Hallo {name}, omdat de {product} groot is, halen we hem op. De vervoerder belt je voor een afspraak. Groet, {agent}")),
					new Wording("Return {order}", List.of(
							"I'd like to return the {product}, it doesn't fit after all. How does that work?",
							"How do I send back order {order}? Do I get a return label?",
							"I'm disappointed with the colour of the {product}. Can I exchange or return it?"),
							"Hi {name}, you can return it within 30 days. Could you give me the order number?",
							"The order number is {order}.",
							List.of(
									"Hi {name}, I've e-mailed you a return label. Drop the parcel at a PostNL point; once it arrives we refund €{amount}. Kind regards, {agent}",
									"Hello {name}, as the {product} is large, we'll collect it. The carrier will call you to make an appointment. Kind regards, {agent}")),
					"Retour aangemeld, label verstuurd.", List.of())),
			Map.entry("refund-status", new Script(
					new Wording("Terugbetaling retour {order}", List.of(
							"Ik heb {days} dagen geleden de {product} teruggestuurd, maar nog geen geld ontvangen. Order {order}.",
							"Wanneer krijg ik mijn geld terug voor retour {order}?",
							"Is mijn retour al verwerkt? Ordernummer {order}"),
							"Hoi {name}, heb je de track & trace-code van het retourpakket voor me?",
							"Ja, de code staat op het bonnetje: 3SKGR{days}4471.",
							List.of(
									"Hoi {name}, je retour is gisteren verwerkt. Het bedrag van € {amount} staat binnen 5 werkdagen op je rekening. Groet, {agent}",
									"Hallo {name}, je retour is binnen en goedgekeurd; de terugbetaling van € {amount} is vandaag in gang gezet. Groet, {agent}")),
					new Wording("Refund for return {order}", List.of(
							"I sent back the {product} {days} days ago but haven't had my money back yet. Order {order}.",
							"When will I get my refund for return {order}?",
							"Has my return been processed? Order number {order}"),
							"Hi {name}, do you have the tracking code of the return parcel?",
							"Yes, it's on the receipt: 3SKGR{days}4471.",
							List.of(
									"Hi {name}, your return was processed yesterday. The €{amount} will be in your account within 5 working days. Kind regards, {agent}",
									"Hello {name}, your return has arrived and been approved; the refund of €{amount} was started today. Kind regards, {agent}")),
					"Retour ontvangen en goedgekeurd, terugbetaling loopt.", List.of())),
			Map.entry("product-advice", new Script(
					new Wording("Vraag over {product}", List.of(
							"Ik twijfel tussen de {product} en een goedkoper model. Wat is eigenlijk het verschil?",
							"Is de {product} geschikt voor dagelijks gebruik?",
							"Welk onderhoud heeft de {product} nodig om lang mee te gaan?",
							"Ik zoek een cadeau voor mijn vader die graag kookt en tuiniert. Is de {product} een goede keuze?"),
							"Hoi {name}, leuk dat je het vraagt! Hoe vaak denk je hem te gebruiken?",
							"Eigenlijk bijna elke dag.",
							List.of(
									"Hoi {name}, de {product} is gemaakt voor intensief gebruik en heeft 5 jaar garantie; het goedkopere model heeft een lichtere afwerking. Voor jouw gebruik zou ik de {product} kiezen. Groet, {agent}",
									"Hallo {name}, met een keer per seizoen schoonmaken en droog opbergen gaat de {product} jaren mee. In onze onderhoudsgids staan de stappen. Groet, {agent}")),
					new Wording("Question about the {product}", List.of(
							"I'm torn between the {product} and a cheaper model. What's the actual difference?",
							"Is the {product} suitable for daily use?",
							"What maintenance does the {product} need to last long?",
							"I'm looking for a gift for my dad, who loves cooking and gardening. Is the {product} a good choice?"),
							"Hi {name}, happy to help! How often do you expect to use it?",
							"Pretty much every day.",
							List.of(
									"Hi {name}, the {product} is built for heavy use and comes with a 5-year warranty; the cheaper model has a lighter finish. For your use I'd go for the {product}. Kind regards, {agent}",
									"Hello {name}, clean it once a season and store it dry, and the {product} will last for years. Our care guide has the steps. Kind regards, {agent}")),
					"Advies gegeven, klant twijfelde tussen twee modellen.", List.of())),
			Map.entry("product-availability", new Script(
					new Wording("Voorraad {product}", List.of(
							"Wanneer is de {product} weer op voorraad?",
							"Hebben jullie de {product} ook in antraciet?",
							"Als ik vandaag de {product} bestel, heb ik hem dan voor het weekend?"),
							"Hoi {name}, in welke kleur zoek je hem?",
							"In antraciet of zwart.",
							List.of(
									"Hoi {name}, de {product} is vanaf volgende week weer op voorraad. Met een voorraadmelding op de productpagina krijg je direct bericht. Groet, {agent}",
									"Hallo {name}, als je vóór 22:00 bestelt, wordt de {product} morgen bezorgd. Groet, {agent}")),
					new Wording("Stock of the {product}", List.of(
							"When will the {product} be back in stock?",
							"Do you have the {product} in anthracite as well?",
							"If I order the {product} today, will I have it before the weekend?"),
							"Hi {name}, which colour are you looking for?",
							"Anthracite or black.",
							List.of(
									"Hi {name}, the {product} will be back in stock next week. Set a stock alert on the product page and you'll hear right away. Kind regards, {agent}",
									"Hello {name}, order before 10 pm and the {product} will be delivered tomorrow. Kind regards, {agent}")),
					"Voorraad en levertijd nagekeken.", List.of())),
			Map.entry("warranty-claim", new Script(
					new Wording("Garantie {product}", List.of(
							"Mijn {product} is na {months} maanden al kapot. Valt dit onder de garantie?",
							"De {product} doet het niet meer. Hoe kan ik garantie claimen? Order {order}.",
							"Er zit een scheur in de {product} terwijl ik hem pas {months} maanden heb."),
							"Hoi {name}, vervelend! Kun je het ordernummer en een foto of filmpje van het probleem sturen?",
							"Het ordernummer is {order}, filmpje zit erbij.",
							List.of(
									"Hoi {name}, dit valt onder de garantie. We sturen kosteloos een nieuwe {product}; de defecte wordt bij bezorging opgehaald. Groet, {agent}",
									"Hallo {name}, ik heb een reparatie aangevraagd bij de fabrikant. Zij nemen binnen 3 werkdagen contact met je op. Groet, {agent}")),
					new Wording("Warranty for the {product}", List.of(
							"My {product} broke after only {months} months. Is this covered by the warranty?",
							"The {product} stopped working. How do I make a warranty claim? Order {order}.",
							"There's a crack in the {product} and I've only had it for {months} months."),
							"Hi {name}, sorry to hear that! Could you send the order number and a photo or video of the problem?",
							"The order number is {order}, video attached.",
							List.of(
									"Hi {name}, this is covered by the warranty. We'll send you a new {product} free of charge and collect the faulty one on delivery. Kind regards, {agent}",
									"Hello {name}, I've requested a repair from the manufacturer. They'll contact you within 3 working days. Kind regards, {agent}")),
					"Garantie goedgekeurd, vervanging of reparatie aangevraagd.", VIDEO)),
			Map.entry("invoice-question", new Script(
					new Wording("Factuur bij {order}", List.of(
							"Kunnen jullie de factuur van bestelling {order} op naam van mijn bedrijf zetten? Ik heb een btw-nummer.",
							"Ik kan de factuur van order {order} nergens vinden. Kunnen jullie hem sturen?",
							"Waarom staat er op factuur {invoice} een ander bedrag dan bij het bestellen?"),
							"Hoi {name}, wil je de bedrijfsnaam en het btw-nummer doorgeven?",
							"Groen & Co B.V., btw-nummer NL8{days}1234B01.",
							List.of(
									"Hoi {name}, je vindt de factuur onder 'Mijn bestellingen' > {order} > 'Factuur downloaden'. Ik heb hem je ook per e-mail gestuurd. Groet, {agent}",
									"Hallo {name}, het verschil zit in de bezorgkosten voor grote artikelen (€ 29,95); die staan apart op de factuur. Groet, {agent}")),
					new Wording("Invoice for {order}", List.of(
							"Could you put the invoice of order {order} in my company's name? I have a VAT number.",
							"I can't find the invoice for order {order} anywhere. Could you send it?",
							"Why is the amount on invoice {invoice} different from what I paid?"),
							"Hi {name}, could you give me the company name and VAT number?",
							"Groen & Co B.V., VAT number NL8{days}1234B01.",
							List.of(
									"Hi {name}, you'll find the invoice under 'My orders' > {order} > 'Download invoice'. I've e-mailed it to you as well. Kind regards, {agent}",
									"Hello {name}, the difference is the delivery charge for large items (€29.95), which is listed separately on the invoice. Kind regards, {agent}")),
					"Factuur opnieuw verstuurd.", List.of())),
			Map.entry("payment-failed", new Script(
					new Wording("Betaling {order} mislukt", List.of(
							"Mijn iDEAL-betaling is mislukt, maar het geld is wel van mijn rekening afgeschreven. Order {order}.",
							"Ik probeer af te rekenen, maar de betaling blijft mislukken. Wat moet ik doen?",
							"Ik kreeg een betaalherinnering voor {order}, maar ik heb al betaald!"),
							"Hoi {name}, op welke datum en met welke betaalmethode heb je betaald?",
							"Op {orderDate}, met iDEAL.",
							List.of(
									"Hoi {name}, de betaling is bij ons niet binnengekomen; je bank boekt de afschrijving binnen 2 werkdagen automatisch terug. Ik heb je een nieuwe betaallink gestuurd. Groet, {agent}",
									"Hallo {name}, je betaling is nu gekoppeld aan bestelling {order}. De herinnering kun je negeren, excuses voor de verwarring. Groet, {agent}")),
					new Wording("Payment for {order} failed", List.of(
							"My iDEAL payment failed, but the money has been taken from my account. Order {order}.",
							"I keep trying to check out, but the payment fails every time. What should I do?",
							"I got a payment reminder for {order}, but I've already paid!"),
							"Hi {name}, on what date and with which payment method did you pay?",
							"On {orderDate}, with iDEAL.",
							List.of(
									"Hi {name}, the payment didn't reach us; your bank will reverse the debit automatically within 2 working days. I've sent you a new payment link. Kind regards, {agent}",
									"Hello {name}, your payment is now matched to order {order}. Please ignore the reminder, sorry for the confusion. Kind regards, {agent}")),
					"Betaling nagekeken bij de betaalprovider en gekoppeld.", List.of())),
			Map.entry("complaint", new Script(
					new Wording("Klacht", List.of(
							"Ik ben erg ontevreden over hoe ik gisteren ben geholpen. De medewerker beloofde terug te bellen, maar dat is niet gebeurd.",
							"Dit is de derde keer dat ik contact opneem over {order} en nog steeds is er niets geregeld. Ik wil een klacht indienen.",
							"Jullie medewerker was erg kortaf in de chat. Zo ga je niet met klanten om."),
							"Beste {name}, dank dat je dit laat weten. Mag ik je ordernummer, zodat ik kan nagaan wat er is gebeurd?",
							"Het gaat om bestelling {order}.",
							List.of(
									"Beste {name}, mijn excuses. Ik heb het met het team besproken en zorg er persoonlijk voor dat {order} deze week geregeld is. Als gebaar ontvang je een tegoedbon van € 15. Met vriendelijke groet, {agent}",
									"Beste {name}, het spijt me dat je zo bent behandeld. Ik bespreek het met de betrokken collega en bel je morgen om de afspraken te bevestigen. Met vriendelijke groet, {agent}")),
					new Wording("Complaint", List.of(
							"I'm very unhappy with how I was helped yesterday. The agent promised to call me back, but never did.",
							"This is the third time I'm contacting you about {order} and still nothing has been done. I want to file a complaint.",
							"Your agent was very curt in the chat. That's no way to treat customers."),
							"Dear {name}, thank you for letting us know. Could I have your order number so I can find out what happened?",
							"It's about order {order}.",
							List.of(
									"Dear {name}, my apologies. I've discussed this with the team and will personally make sure {order} is sorted this week. As a gesture you'll receive a €15 voucher. Kind regards, {agent}",
									"Dear {name}, I'm sorry you were treated like that. I'll discuss it with my colleague and call you tomorrow to confirm what we agreed. Kind regards, {agent}")),
					"Klacht besproken met teamleider, klant teruggebeld en tegoedbon gegeven.", List.of())));

	private DemoTexts() {
	}
}
