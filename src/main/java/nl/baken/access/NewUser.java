package nl.baken.access;

import java.util.Set;

public record NewUser(String username, String displayName, String password, Set<Role> roles, String teamId,
		String language) {
}
