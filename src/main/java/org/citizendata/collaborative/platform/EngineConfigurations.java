package org.citizendata.collaborative.platform;

import java.util.ArrayList;
import java.util.List;

/** What our process engine plugins share: adding to one of the engine's configuration lists, which may be unset. */
final class EngineConfigurations {

    private EngineConfigurations() {
    }

    /** A copy of the list (empty if none was set) with the element added at its end. */
    static <T> List<T> plus(List<T> list, T element) {
        List<T> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}
