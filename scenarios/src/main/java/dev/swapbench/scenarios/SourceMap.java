package dev.swapbench.scenarios;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Where each record (and some of its fields) came from in the YAML text, so that the validator can point at the
 * offending node. Keyed by record identity: two equal records built from different nodes keep their own places.
 */
final class SourceMap {
    private final String origin;
    private final Map<Object, Node> nodes = new IdentityHashMap<>();
    private final Map<Object, Map<String, Node>> fields = new IdentityHashMap<>();

    SourceMap(String origin) {
        this.origin = origin;
    }

    String origin() {
        return origin;
    }

    /** Records the node a record was read from. */
    void put(Object record, Node node) {
        nodes.put(record, node);
    }

    /** Records the node one field of a record was read from (absent fields are simply not recorded). */
    void put(Object record, String field, Node node) {
        if (node != null) {
            fields.computeIfAbsent(record, k -> new HashMap<>()).put(field, node);
        }
    }

    /** The node of a field, or of the record itself when the field was not written in the text. */
    Node node(Object record, String field) {
        Map<String, Node> f = fields.get(record);
        Node n = f == null ? null : f.get(field);
        return n != null ? n : nodes.get(record);
    }

    Node node(Object record) {
        return nodes.get(record);
    }

    ScenarioException error(Object record, String field, String problem) {
        return error(node(record, field), problem);
    }

    ScenarioException error(Node node, String problem) {
        return at(origin, node, problem);
    }

    static ScenarioException at(String origin, Node node, String problem) {
        Mark mark = node == null ? null : node.getStartMark().orElse(null);
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        return new ScenarioException(origin, line, column, problem);
    }

    /** 1-based line of a node (0 when unknown). */
    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** {@code line L, column C} of a node, for "first at ..." remarks. */
    static String place(Node node) {
        Mark mark = node == null ? null : node.getStartMark().orElse(null);
        return mark == null ? "an unknown place" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
