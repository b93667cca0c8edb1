/**
 * Heterogeneous joins: one wide document per row of a main table, with many-to-one lookups
 * (flattened fields, nested to any depth) and one-to-many children (arrays, each element with its
 * own lookups), kept in Flink keyed state and re-emitted whenever any participating row changes.
 * Entry point: {@link io.sluice.transforms.join.Join}.
 *
 * <h2>Dataflow</h2>
 *
 * The join is a tree of nodes: the main table is node 0, each lookup and child a node below its
 * parent. Every node has its own keyed operator, keyed by the node's join key: the main table's
 * primary key for node 0, the values of the {@code on} columns of the node's table otherwise
 * ({@code buyers.id} for a lookup on {@code orders.buyer_id = buyers.id}, {@code items.order_id}
 * for a child).
 *
 * <pre>
 *                    +-- node 3 (products, keyed by products.id) --results--+
 *                    |                                                       v
 * events --split-----+-- node 2 (items, keyed by items.order_id) ------results--+
 *  (one side output  |                                                          v
 *   per node)        +-- node 1 (buyers, keyed by buyers.id) ----------results--+--> node 0 (orders,
 *                    |                                                          |    keyed by orders.id)
 *                    +--------------------------------------------------------->+    --> documents
 * </pre>
 *
 * <ol>
 *   <li>The stateless <b>split</b> (input parallelism, so a row's changes stay in order) turns a
 *       row change of a participating table into, for each node of that table: a delete of the
 *       old image at its old key and an upsert of the new image at its new key (one upsert if
 *       neither the join key nor the primary key changed); and for each nested node: an
 *       <i>unsubscribe</i> of the old image from the key it referenced and a <i>subscribe</i> of
 *       the new image to the key it references (nothing when the reference did not change; a
 *       null reference subscribes to nothing and reads as "no match").
 *   <li>A <b>lookup or child node</b> keeps, per key: the rows of its table with that key
 *       ({@code MapState<pk, row>}), the parent rows subscribed to the key, i.e. the reverse
 *       index from the key to the rows referencing it ({@code MapState<(route, pk), ...>}), and
 *       its own nested nodes' results for its rows ({@code MapState<(pk, slot, ref), fragment>}).
 *       The key's value is a lookup's row (the smallest primary key if several match, or
 *       "absent") with its nested lookups flattened in, or a child's rows as an array ordered by
 *       primary key. When the value changes it is sent to every subscriber; a new subscriber gets
 *       the current value at once; an unsubscribing one gets a retraction.
 *   <li>The <b>main node</b> keeps the main row, the values it received for each nested slot and
 *       referenced key ({@code MapState<(slot, ref), fragment>}) and the document it emitted
 *       last. Whenever one of them changes and every value the row references has arrived, it
 *       emits the document if it differs from the last one: an insert, then updates (the whole
 *       document with the previous one as before image, or only the changed fields), and a
 *       delete when the main row goes.
 * </ol>
 *
 * <p>Results are stored by the referenced key they are about, so it does not matter that a row
 * change and the results it causes travel different paths: a row that moves from buyer 1 to
 * buyer 2 uses buyer 2's value once it has arrived, whatever arrives first. Between two
 * operators Flink keeps records in order, so the last value received for a key is the current
 * one, and a retraction is the last message of a subscription (it deletes the stored value).
 * The documents are eventually consistent: while changes are in flight a document may combine
 * rows as they were at slightly different moments (each of them a version that existed), and once
 * the changes are processed it equals the join of the final tables. All state is
 * keyed state, restored with the source position on recovery; nothing is read back from the
 * database. Optionally, the rows of a key nobody references expire after a TTL
 * ({@link io.sluice.transforms.join.JoinSpec#unreferencedTtl()}).
 *
 * <p>The operators' uids are {@code <prefix>-split} and {@code <prefix>-node-<n>}, numbered
 * depth-first (main, lookups with their nested lookups, then children with theirs): changing the
 * shape of a join renumbers nodes, so its state cannot be restored into the new shape.
 */
package io.sluice.transforms.join;
