package nl.baken.customer;

import java.util.UUID;

public record CustomersUnmerged(UUID mergeId, CustomerId survivor, CustomerId merged) {
}
