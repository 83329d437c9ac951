/**
 * Self-service answering: a question matcher that knows when it does not know. It is trained on labelled example
 * questions (the label is an article or intent id; examples carry their language) and answers a question with ranked
 * labels, each with a confidence calibrated on held-out folds of its own training data, plus a decision — answer,
 * suggest or hand off — from per-deployment thresholds ({@code baken.answering.*}). It combines Lucene BM25 with
 * English and Dutch analysis, in-process ONNX sentence embeddings and a classifier over embeddings and character
 * n-grams, retrains in seconds, and needs no database, so the same code serves the {@code eval-intents} command.
 */
package nl.baken.answering;
