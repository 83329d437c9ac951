package nl.baken.customer;

import java.util.UUID;

public record CustomersMerged(UUID mergeId, CustomerId survivor, CustomerId merged) {
}
