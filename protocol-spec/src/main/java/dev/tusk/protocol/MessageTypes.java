package dev.tusk.protocol;

import java.lang.reflect.Array;
import java.util.function.Function;

/** Builds the type-byte lookup tables of the message enums and rejects duplicate type bytes. */
final class MessageTypes {
    private MessageTypes() {
    }

    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> E[] index(E[] values, Function<E, Byte> type) {
        E[] table = (E[]) Array.newInstance(values.getClass().getComponentType(), 128);
        for (E e : values) {
            byte t = type.apply(e);
            if (table[t] != null) {
                throw new ExceptionInInitializerError("type byte '" + (char) t + "' used by both "
                        + table[t] + " and " + e);
            }
            table[t] = e;
        }
        return table;
    }
}
