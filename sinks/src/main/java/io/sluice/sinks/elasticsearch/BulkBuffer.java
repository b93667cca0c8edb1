package io.sluice.sinks.elasticsearch;

import io.sluice.event.RowChange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.common.xcontent.XContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The requests of the next bulk, one per document (index, id, routing): a later request for the
 * same document replaces the earlier one, or merges with it when it is a partial update, so the
 * result is what the two would have done in order. With one request per document, items of a
 * bulk can be retried on their own without reordering the writes of a document.
 */
final class BulkBuffer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OVERHEAD_BYTES = 100;

    private final Map<DocKey, Action> actions = new LinkedHashMap<>();
    private long bytes;
    private int records;

    /** One request, the document it writes and the row change it comes from. */
    record Action(DocKey key, DocWriteRequest<?> request, RowChange record, long bytes) {}

    /** A document: index, {@code _id} and routing. */
    record DocKey(String index, String id, String routing) {}

    void add(DocWriteRequest<?> request, RowChange record) {
        DocKey key = new DocKey(request.index(), Objects.requireNonNull(request.id(), "_id"), request.routing());
        Action previous = actions.get(key);
        DocWriteRequest<?> merged = previous == null ? request : merge(previous.request(), request);
        Action action = new Action(key, merged, record, size(merged));
        actions.put(key, action);
        bytes += action.bytes() - (previous == null ? 0 : previous.bytes());
    }

    private static DocWriteRequest<?> merge(DocWriteRequest<?> earlier, DocWriteRequest<?> later) {
        if (!(later instanceof UpdateRequest update)) {
            return later;
        }
        String doc = update.doc().source().utf8ToString();
        if (earlier instanceof DeleteRequest) {
            return new IndexRequest(update.index()).id(update.id()).routing(update.routing()).source(doc, XContentType.JSON);
        }
        if (earlier instanceof IndexRequest index) {
            return new IndexRequest(index.index()).id(index.id()).routing(index.routing())
                    .source(mergeJson(index.source().utf8ToString(), doc), XContentType.JSON);
        }
        UpdateRequest first = (UpdateRequest) earlier;
        return new UpdateRequest(update.index(), update.id()).routing(update.routing())
                .doc(mergeJson(first.doc().source().utf8ToString(), doc), XContentType.JSON)
                .docAsUpsert(true).retryOnConflict(update.retryOnConflict());
    }

    private static String mergeJson(String base, String patch) {
        try {
            ObjectNode merged = (ObjectNode) JSON.readTree(base);
            merged.setAll((ObjectNode) JSON.readTree(patch));
            return JSON.writeValueAsString(merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(DocWriteRequest<?> request) {
        if (request instanceof IndexRequest r && r.source() != null) {
            return OVERHEAD_BYTES + r.source().length();
        }
        if (request instanceof UpdateRequest r && r.doc() != null) {
            return OVERHEAD_BYTES + r.doc().source().length();
        }
        return OVERHEAD_BYTES;
    }

    /** Counts a source record (its requests may have merged with earlier ones). */
    void countRecord() {
        records++;
    }

    int records() {
        return records;
    }

    int size() {
        return actions.size();
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return actions.isEmpty();
    }

    /** Takes every buffered action, in arrival order, and empties the buffer. */
    List<Action> drain() {
        List<Action> drained = new ArrayList<>(actions.values());
        actions.clear();
        bytes = 0;
        records = 0;
        return drained;
    }
}
