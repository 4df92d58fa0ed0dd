package io.leadbridge.lead.api;

import java.util.List;

/** Up to 1,000 leads at once. */
public record BatchRequest(List<LeadRequest> leads) {}
