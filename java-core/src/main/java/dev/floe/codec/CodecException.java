package dev.floe.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A value that cannot be encoded, or bytes that cannot be decoded. Not retryable: the same value
 * or the same bytes fail the same way.
 *
 * <p>A decoding failure says what was wrong and where: the byte offset in the input
 * ({@link #offset()}). An encoding failure names the class of the value it could not encode, says
 * how to make it encodable, and where the value sits inside the encoded value ({@link #path()},
 * from the outside in).
 *
 * <p>It is an {@link IllegalArgumentException}, like the failures of the Java-serialization codec
 * it replaces, so callers that catch those keep working.
 */
public final class CodecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int PATH_SEGMENTS_MAX = 32;

    private final String what;
    private final long offset;
    /** Innermost first while the exception unwinds. */
    private final ArrayList<String> pathInnermostFirst = new ArrayList<>();
    private int droppedSegments;

    /** An encoding failure. */
    public CodecException(String what) {
        this(what, -1, null);
    }

    /** An encoding failure with a cause. */
    public CodecException(String what, Throwable cause) {
        this(what, -1, cause);
    }

    /** A decoding failure at byte {@code offset} of the input. */
    public CodecException(String what, long offset, Throwable cause) {
        super(what, cause);
        this.what = what;
        this.offset = offset;
    }

    /** What went wrong, without the location. */
    public String what() {
        return what;
    }

    /** The byte offset in the decoded input where decoding failed; -1 for an encoding failure. */
    public long offset() {
        return offset;
    }

    /**
     * Where the value that failed to encode sits inside the value given to the codec, from the
     * outside in (e.g. {@code ["value at key :users", "element 3"]}); empty when it is the value
     * itself or when decoding failed.
     */
    public List<String> path() {
        List<String> p = new ArrayList<>(pathInnermostFirst);
        java.util.Collections.reverse(p);
        return p;
    }

    /** Adds the next enclosing step of the path while the exception unwinds out of a container. */
    CodecException within(String segment) {
        if (pathInnermostFirst.size() < PATH_SEGMENTS_MAX) {
            pathInnermostFirst.add(segment);
        } else {
            droppedSegments++;
        }
        return this;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(what);
        if (offset >= 0) {
            sb.append(" (at byte ").append(offset).append(')');
        }
        if (!pathInnermostFirst.isEmpty()) {
            sb.append(" (at ");
            if (droppedSegments > 0) {
                sb.append("… ").append(droppedSegments).append(" more → ");
            }
            for (int i = pathInnermostFirst.size() - 1; i >= 0; i--) {
                sb.append(pathInnermostFirst.get(i));
                if (i > 0) {
                    sb.append(" → ");
                }
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
