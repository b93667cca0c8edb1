package io.sluice.sinks.elasticsearch;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.core.template.TextValues;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.common.xcontent.XContentType;

import java.util.Objects;
import java.util.Optional;

/**
 * The default emitter: turns a row change into Elasticsearch requests. The document is the row
 * in canonical JSON; its index, {@code _id} and routing come from the sink's templates ({@code _id}
 * defaults to the key values joined by {@code _}). A delete deletes the document; an update whose
 * index, id or routing changes deletes the old document and writes the new one.
 *
 * <p>It implements the connector's {@link ElasticsearchEmitter}, so a custom emitter (say, one
 * that nests a join's children) can take its place through
 * {@link ElasticsearchSinkBuilder#emitter}.
 */
@PublicEvolving
public final class DocumentEmitter implements ElasticsearchEmitter<Event> {
    private static final long serialVersionUID = 1L;

    /** Separates the key values of a composite key in the default {@code _id}. */
    public static final String KEY_SEPARATOR = "_";

    private static final int RETRY_ON_CONFLICT = 3;

    private final ElasticsearchSinkOptions options;

    public DocumentEmitter(ElasticsearchSinkOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Where a document lives. */
    private record Address(String index, String id, String routing) {}

    /** @throws PermanentFailureException when a template cannot be filled for the row */
    @Override
    public void emit(Event event, SinkWriter.Context context, RequestIndexer indexer) {
        if (!(event instanceof RowChange row)) {
            return;
        }
        switch (row.op()) {
            case DELETE -> indexer.add(delete(address(row, row.before())));
            case INSERT, READ -> write(row, address(row, row.after()), indexer);
            case UPDATE -> {
                Address before = address(row, row.before());
                Address after = address(row, row.after());
                if (!before.equals(after)) {
                    indexer.add(delete(before));
                }
                write(row, after, indexer);
            }
        }
    }

    private void write(RowChange row, Address address, RequestIndexer indexer) {
        String json = CanonicalJson.toJson(row.schema(), row.after());
        if (options.mode() == ElasticsearchWriteMode.UPSERT) {
            indexer.add(new UpdateRequest(address.index(), address.id())
                    .routing(address.routing())
                    .doc(json, XContentType.JSON)
                    .docAsUpsert(true)
                    .retryOnConflict(RETRY_ON_CONFLICT));
        } else {
            indexer.add(new IndexRequest(address.index()).id(address.id()).routing(address.routing())
                    .source(json, XContentType.JSON));
        }
    }

    private static DeleteRequest delete(Address address) {
        return new DeleteRequest(address.index(), address.id()).routing(address.routing());
    }

    private Address address(RowChange row, Object[] image) {
        String index = options.index().render(row.table(), row.schema(), image);
        Optional<String> problem = IndexNames.problem(index);
        if (problem.isPresent()) {
            throw new PermanentFailureException("the index name '" + index + "' rendered from the template '"
                    + options.index().text() + "' for a row of " + row.table() + " " + problem.get());
        }
        String id = options.id() != null ? options.id().render(row.table(), row.schema(), image) : keyId(row, image);
        String routing = options.routing() == null ? null : options.routing().render(row.table(), row.schema(), image);
        return new Address(index, id, routing);
    }

    private String keyId(RowChange row, Object[] image) {
        TableSchema schema = row.schema();
        if (!schema.hasKey()) {
            throw new PermanentFailureException(row.table() + " has no key, so documents have no default _id; set id "
                    + "(e.g. id: \"{some_unique_column}\") or configure a key for the table");
        }
        int[] keys = schema.keyIndexes();
        StringBuilder id = new StringBuilder();
        for (int k = 0; k < keys.length; k++) {
            Object value = image[keys[k]];
            if (value == null) {
                throw new PermanentFailureException("key column '" + schema.column(keys[k]).name() + "' of " + row.table()
                        + " is NULL");
            }
            id.append(k == 0 ? "" : KEY_SEPARATOR).append(TextValues.text(value, schema.column(keys[k])));
        }
        return id.toString();
    }
}
