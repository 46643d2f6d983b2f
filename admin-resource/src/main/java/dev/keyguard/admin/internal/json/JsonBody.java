package dev.keyguard.admin.internal.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request body as {@link JsonBodyReader} found it. Reading never fails: a body that is too large
 * or not a JSON object is a state of this value, and the resource decides what to answer, so the
 * outcome does not depend on how a runtime treats exceptions thrown by readers.
 */
public final class JsonBody {

    /** What the body was. */
    public enum State {
        EMPTY,
        OBJECT,
        NOT_AN_OBJECT,
        TOO_LARGE
    }

    private static final JsonBody EMPTY = new JsonBody(State.EMPTY, null);
    private static final JsonBody NOT_AN_OBJECT = new JsonBody(State.NOT_AN_OBJECT, null);
    private static final JsonBody TOO_LARGE = new JsonBody(State.TOO_LARGE, null);

    private final State state;
    private final ObjectNode object;

    private JsonBody(State state, ObjectNode object) {
        this.state = state;
        this.object = object;
    }

    public static JsonBody empty() {
        return EMPTY;
    }

    public static JsonBody notAnObject() {
        return NOT_AN_OBJECT;
    }

    public static JsonBody tooLarge() {
        return TOO_LARGE;
    }

    public static JsonBody of(ObjectNode object) {
        return new JsonBody(State.OBJECT, object);
    }

    public State state() {
        return state;
    }

    /** The object; an empty object for an empty body; {@code null} in the failed states. */
    public ObjectNode object() {
        return state == State.EMPTY ? JsonNodeFactory.instance.objectNode() : object;
    }
}
