/**
 * Sluice's transforms on streams of {@link io.sluice.event.Event}s, one package per role:
 * expressions, filters, routes, joins and aggregates, with their keyed state in {@code state}.
 */
package io.sluice.transforms;
