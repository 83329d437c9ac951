package nl.baken.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.baken.access.AuditLog;
import nl.baken.access.Teams;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.routing.internal.IvrMenuStore;
import nl.baken.routing.internal.RoutingStore;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Phone menus per brand and number: stored and checked here, served to the IVR, and measured afterwards. The IVR
 * reports a choice as an {@code ivr_option_chosen} call event with {@code menu} (the menu's id) and {@code option}
 * (the option's code); routing gives such a call its option's team and requirement profile, and the misroute figures
 * count how many callers of each option were transferred afterwards.
 */
@Service
public class IvrMenus {

	/** Levels of submenus a caller may have to go through; deeper menus lose callers. */
	public static final int MAX_DEPTH = 4;

	private static final String KEY = "[0-9*#]";

	private static final int MAX_LABEL = 200;

	private final IvrMenuStore store;

	private final RoutingStore routing;

	private final ContactEvents events;

	private final Teams teams;

	private final Brands brands;

	private final AuditLog audit;

	private final Clock clock;

	IvrMenus(IvrMenuStore store, RoutingStore routing, ContactEvents events, Teams teams, Brands brands,
			AuditLog audit, Clock clock) {
		this.store = store;
		this.routing = routing;
		this.events = events;
		this.teams = teams;
		this.brands = brands;
		this.audit = audit;
		this.clock = clock;
	}

	/** Creates the menu of a brand's number; a number has one menu. */
	@Transactional
	public IvrMenu create(String brandId, String number, String name, List<IvrOption> options, Actor by) {
		IvrMenu menu = checked(Ids.next(), brandId, number, name, options);
		try {
			store.insert(menu);
		}
		catch (DuplicateKeyException e) {
			throw new RuleViolationException(
					"Number " + menu.number() + " of brand " + menu.brandId() + " has a menu already; replace that one");
		}
		audit.record(by, "routing.ivr-menu-created", "ivr-menu", menu.id().toString(), Map.of("number", menu.number()));
		return menu;
	}

	/** Replaces a menu as a whole: the IVR plays the new tree from its next call. */
	@Transactional
	public IvrMenu replace(UUID id, String brandId, String number, String name, List<IvrOption> options, Actor by) {
		store.find(id).orElseThrow(() -> new NotFoundException("IVR menu", id));
		IvrMenu menu = checked(id, brandId, number, name, options);
		try {
			store.update(menu);
		}
		catch (DuplicateKeyException e) {
			throw new RuleViolationException(
					"Number " + menu.number() + " of brand " + menu.brandId() + " has another menu already");
		}
		audit.record(by, "routing.ivr-menu-replaced", "ivr-menu", id.toString(), Map.of("number", menu.number()));
		return menu;
	}

	public Optional<IvrMenu> find(UUID id) {
		return store.find(id);
	}

	/** The menu the IVR plays for a dialled number. */
	public Optional<IvrMenu> forNumber(String number) {
		return store.byNumber(normalised(number));
	}

	public List<IvrMenu> menus() {
		return store.all();
	}

	/** The target of a chosen option; empty when the menu or option is unknown or the option opens a submenu. */
	public Optional<IvrTarget> target(String menuId, String code) {
		if (menuId == null || code == null) {
			return Optional.empty();
		}
		UUID id;
		try {
			id = UUID.fromString(menuId);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		return store.find(id).flatMap(menu -> flatten(menu.options()).stream()
			.filter(o -> o.code().equals(code) && o.target() != null)
			.map(IvrOption::target)
			.findFirst());
	}

	/**
	 * The target of the last option the caller chose in this conversation that has one; routing uses it for a call
	 * that enters its queue.
	 */
	public Optional<IvrTarget> chosenTarget(UUID conversationId) {
		List<ContactEvent> chosen = events.ofConversations(List.of(conversationId))
			.stream()
			.filter(e -> e.type() == ContactEventType.IVR_OPTION_CHOSEN)
			.toList();
		for (ContactEvent e : chosen.reversed()) {
			Optional<IvrTarget> target = target(text(e.attributes().get("menu")), text(e.attributes().get("option")));
			if (target.isPresent()) {
				return target;
			}
		}
		return Optional.empty();
	}

	/**
	 * Per option of the menu, every level: the calls in [from, to) that chose it, and how many of those were
	 * transferred after the choice (at any later time). Read from the contact-event log.
	 */
	public List<IvrMisroutes> misroutes(UUID id, Instant from, Instant to) {
		IvrMenu menu = store.find(id).orElseThrow(() -> new NotFoundException("IVR menu", id));
		if (from == null || to == null || !from.isBefore(to)) {
			throw new InvalidInputException("from", "from must be before to");
		}
		String menuId = id.toString();
		// per conversation, the first time it chose each option
		Map<UUID, Map<String, Instant>> chosen = new HashMap<>();
		for (ContactEvent e : events.between(from, to, List.of(ContactEventType.IVR_OPTION_CHOSEN))) {
			if (menuId.equals(text(e.attributes().get("menu"))) && e.conversationId() != null) {
				String code = text(e.attributes().get("option"));
				if (code != null) {
					chosen.computeIfAbsent(e.conversationId(), k -> new HashMap<>()).merge(code, e.occurredAt(),
							(a, b) -> a.isBefore(b) ? a : b);
				}
			}
		}
		Map<UUID, Instant> lastTransfer = new HashMap<>();
		List<UUID> ids = new ArrayList<>(chosen.keySet());
		for (int i = 0; i < ids.size(); i += 500) {
			for (ContactEvent e : events.ofConversations(ids.subList(i, Math.min(ids.size(), i + 500)))) {
				if (e.type() == ContactEventType.TRANSFERRED) {
					lastTransfer.merge(e.conversationId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
				}
			}
		}
		Map<String, long[]> counts = new LinkedHashMap<>();
		chosen.forEach((conversation, codes) -> codes.forEach((code, at) -> {
			long[] c = counts.computeIfAbsent(code, k -> new long[2]);
			c[0]++;
			Instant transfer = lastTransfer.get(conversation);
			if (transfer != null && !transfer.isBefore(at)) {
				c[1]++;
			}
		}));
		List<IvrMisroutes> rows = new ArrayList<>();
		for (IvrOption option : flatten(menu.options())) {
			long[] c = counts.getOrDefault(option.code(), new long[2]);
			rows.add(new IvrMisroutes(option.code(), option.labelNl(), option.labelEn(), option.code().length(), c[0],
					c[1], c[0] == 0 ? 0 : (double) c[1] / c[0]));
		}
		return rows;
	}

	// checks

	private IvrMenu checked(UUID id, String brandId, String number, String name, List<IvrOption> options) {
		if (brandId == null || !brands.exists(brandId)) {
			throw new InvalidInputException("brandId", "unknown brand '" + brandId + "'");
		}
		String phone = normalised(number);
		if (phone == null || !phone.matches("\\+?[0-9]{3,15}")) {
			throw new InvalidInputException("number", "a number is 3 to 15 digits, optionally after a '+'");
		}
		if (name == null || name.isBlank() || name.length() > MAX_LABEL) {
			throw new InvalidInputException("name", "a menu needs a name of at most " + MAX_LABEL + " characters");
		}
		Set<String> profiles = new HashSet<>();
		routing.profiles().stream().filter(p -> p.kind().equals("ivr")).forEach(p -> profiles.add(p.key()));
		return new IvrMenu(id, brandId, phone, name.strip(), level(options, "", 1, profiles), clock.instant());
	}

	private List<IvrOption> level(List<IvrOption> options, String prefix, int depth, Set<String> profiles) {
		String where = prefix.isEmpty() ? "the menu" : "option " + prefix;
		if (options == null || options.isEmpty()) {
			throw new InvalidInputException("options", where + " needs at least one option");
		}
		if (depth > MAX_DEPTH) {
			throw new InvalidInputException("options", "a menu is at most " + MAX_DEPTH + " levels deep");
		}
		Set<String> keys = new HashSet<>();
		List<IvrOption> checked = new ArrayList<>();
		for (IvrOption o : options) {
			if (o == null || o.key() == null || !o.key().matches(KEY)) {
				throw new InvalidInputException("options", "a key in " + where + " is one of 0-9, * or #");
			}
			String code = prefix + o.key();
			if (!keys.add(o.key())) {
				throw new InvalidInputException("options", "key " + o.key() + " appears twice in " + where);
			}
			if (blank(o.labelNl()) || blank(o.labelEn()) || o.labelNl().length() > MAX_LABEL
					|| o.labelEn().length() > MAX_LABEL) {
				throw new InvalidInputException("options",
						"option " + code + " needs a Dutch and an English label of at most " + MAX_LABEL + " characters");
			}
			boolean submenu = !o.options().isEmpty();
			if (submenu == (o.target() != null)) {
				throw new InvalidInputException("options",
						"option " + code + " has either a submenu or a target (a team and requirement profile)");
			}
			IvrTarget target = null;
			List<IvrOption> children = List.of();
			if (submenu) {
				children = level(o.options(), code, depth + 1, profiles);
			}
			else {
				target = o.target();
				if (target.teamId() == null || !teams.exists(target.teamId())) {
					throw new InvalidInputException("options",
							"option " + code + ": unknown team '" + target.teamId() + "'");
				}
				if (target.profileKey() != null && !profiles.contains(target.profileKey())) {
					throw new InvalidInputException("options",
							"option " + code + ": no ivr requirement profile '" + target.profileKey() + "'");
				}
			}
			checked.add(new IvrOption(o.key(), code, o.labelNl().strip(), o.labelEn().strip(), children, target));
		}
		return checked;
	}

	static List<IvrOption> flatten(List<IvrOption> options) {
		List<IvrOption> all = new ArrayList<>();
		for (IvrOption o : options) {
			all.add(o);
			all.addAll(flatten(o.options()));
		}
		return all;
	}

	private static String normalised(String number) {
		return number == null ? null : number.replaceAll("[\\s()-]", "");
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}
}
