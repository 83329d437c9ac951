/**
 * The knowledge base: articles in Dutch and English with owners, review dates and a full version history, the Lucene
 * search over them (Dutch and English analysis, editable synonyms, typo tolerance), the public help center and the
 * editors' pages, and guided flows (bilingual decision trees walked step by step in the help center and the desk).
 * Other modules use {@link nl.baken.knowledge.Articles}, {@link nl.baken.knowledge.KnowledgeSearch},
 * {@link nl.baken.knowledge.GuidedFlows} and, to read text as the search does, {@link nl.baken.knowledge.TextAnalysis};
 * article views and "did this help?" answers are written to the contact-event log.
 */
package nl.baken.knowledge;
