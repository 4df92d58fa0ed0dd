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
    List<Section> export(Subject subject);

    /**
     * Removes or anonymises the module's personal fields and free texts about these leads, in the caller's
     * transaction, keeping what the workspace's figures are made of (stages, codes, amounts, times).
     */
    void erase(Subject subject);

    /**
     * The paths of this module's own pages about these leads other than the lead's page (e.g. a dispute's), which
     * notifications and mails about them link to. Asked before anything is erased.
     */
    default Set<String> pages(Set<Long> leadIds) {
        return Set.of();
    }

    /**
     * Whom an export or erasure is about: the leads, and the paths of every page about them ({@code /leads/<id>} and
     * what {@link #pages} answered), for the rows that only link to a lead.
     */
    record Subject(Set<Long> leadIds, Set<String> pages) {

        public Subject {
            leadIds = Set.copyOf(leadIds);
            pages = Set.copyOf(pages);
        }

        public Long[] ids() {
            return leadIds.toArray(Long[]::new);
        }

        public String[] pagePaths() {
            return pages.toArray(String[]::new);
        }
    }

    /** A named part of an export: rows of plain values. */
    record Section(String name, List<Map<String, Object>> rows) {

        public Section {
            rows = List.copyOf(rows);
        }
    }

    /** The text that replaces an erased free text. */
    String ERASED = "[erased]";
}
