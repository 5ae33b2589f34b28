/**
 * The REST contracts of sam6d-suite: records only, shared by every server and client. JSON field names are
 * snake_case (the servers' Jackson naming strategy); {@code @JsonProperty} marks the few that are not.
 * Units: lengths in millimetres, times in milliseconds unless a name says otherwise.
 */
package io.sam6d.model;
