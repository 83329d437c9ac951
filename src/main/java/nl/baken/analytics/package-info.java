/**
 * Contact analytics: KPIs computed from the contact-event log, each a named, versioned definition with parameters
 * whose canonical identity (such as {@code service-level@1{T=20s,S=5s,abandons=negative,...}}) is shown beside every
 * number, so two departments with different parameters never see one number that means two things. Every value can
 * be opened into the contacts it counted. Events are read through the conversation module's public API only. It also
 * finds knowledge gaps (unanswered self-service questions grouped by meaning with the answering module's encoder) and
 * generates realistic history for demos and benchmarks ({@code generate-history}).
 */
package nl.baken.analytics;
