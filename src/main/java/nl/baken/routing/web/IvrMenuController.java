package nl.baken.routing.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.routing.IvrMenu;
import nl.baken.routing.IvrMenus;
import nl.baken.routing.IvrMisroutes;
import nl.baken.routing.IvrOption;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Phone menus. Routing administrators ({@code routing}) create, replace and read them and see their misroutes; the
 * PBX/IVR reads the menu of a dialled number with the token it already uses to report calls ({@code telephony:write}).
 */
@RestController
@Validated
@RequestMapping("/api/v1/routing/ivr-menus")
class IvrMenuController {

	private final IvrMenus menus;

	IvrMenuController(IvrMenus menus) {
		this.menus = menus;
	}

	/** A menu as sent: options nest; an option's {@code code} is computed and ignored on input. */
	record MenuBody(String brandId, String number, String name, @Size(max = 12) List<IvrOption> options) {
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.ROUTING)
	IvrMenu create(@RequestBody MenuBody body) {
		return menus.create(body.brandId(), body.number(), body.name(), body.options(), ApiClient.current().actor());
	}

	@PutMapping("/{id}")
	@RequiresScope(Scope.ROUTING)
	IvrMenu replace(@PathVariable UUID id, @RequestBody MenuBody body) {
		return menus.replace(id, body.brandId(), body.number(), body.name(), body.options(),
				ApiClient.current().actor());
	}

	@GetMapping
	@RequiresScope(Scope.ROUTING)
	List<IvrMenu> list() {
		return menus.menus();
	}

	@GetMapping("/{id}")
	@RequiresScope(Scope.ROUTING)
	IvrMenu get(@PathVariable UUID id) {
		return menus.find(id).orElseThrow(() -> new NotFoundException("IVR menu", id));
	}

	/** For the IVR: the menu to play on a dialled number. */
	@GetMapping("/numbers/{number}")
	@RequiresScope(Scope.TELEPHONY_WRITE)
	IvrMenu forNumber(@PathVariable String number) {
		return menus.forNumber(number).orElseThrow(() -> new NotFoundException("IVR menu for number", number));
	}

	@GetMapping("/{id}/misroutes")
	@RequiresScope(Scope.ROUTING)
	List<IvrMisroutes> misroutes(@PathVariable UUID id, @RequestParam Instant from, @RequestParam Instant to) {
		return menus.misroutes(id, from, to);
	}
}
