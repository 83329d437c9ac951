package nl.baken.routing;

/** Something an agent knows, at a level from 1 (basic) to 5 (expert). */
public record Skill(String id, String nameNl, String nameEn) {
}
