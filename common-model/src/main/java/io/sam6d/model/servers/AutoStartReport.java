package io.sam6d.model.servers;

import java.util.Map;

/**
 * What main-server did at start-up about compute services that were down ({@code AUTO_START_DEPENDENCIES}).
 *
 * @param enabled    the setting
 * @param state      {@code disabled}, {@code pending} (first check not done yet), {@code finished}
 * @param command    the compose command used ({@code docker compose} or {@code docker-compose}), null when none
 * @param message    a summary, e.g. that neither compose command exists
 * @param services   per service that was down: what was tried and how it ended
 */
public record AutoStartReport(boolean enabled, String state, String command, String message,
        Map<String, Outcome> services) {

    /**
     * @param outcome  {@code started} (compose exited 0), {@code failed}, {@code timed_out}, {@code no_command},
     *                 {@code not_needed} (a replica was healthy)
     * @param detail   compose's last output lines or the reason
     */
    public record Outcome(String outcome, String detail) {
    }
}
