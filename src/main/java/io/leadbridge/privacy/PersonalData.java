package io.leadbridge.privacy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a module holds about leads as people, for its own tables only. Every module with personal data or free texts
 * about leads implements it as a bean; {@link PrivacyManagement} asks all of them.
 */
public interface PersonalData {

    /** The module's rows about these leads (of the current workspace), in named sections, JSON-serialisable. */
    List<Section> export(Set<Long> leadIds);

    /**
     * Removes or anonymises the module's personal fields and free texts about these leads, in the caller's
     * transaction, keeping what the workspace's figures are made of (stages, codes, amounts, times).
     */
    void erase(Set<Long> leadIds);

    /** A named part of an export: rows of plain values. */
    record Section(String name, List<Map<String, Object>> rows) {

        public Section {
            rows = List.copyOf(rows);
        }
    }

    /** The text that replaces an erased free text. */
    String ERASED = "[erased]";
}
