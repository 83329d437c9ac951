package nl.baken.access;

/** An OpenID Connect provider people may log in with: its registration id, the name shown and where login starts. */
public record SsoProvider(String id, String name, String loginPath) {
}
